import type { ChatMessage } from './chat-message';
import type { GenerationParams } from './generation-params';
import type { RateLimitInfo } from './rate-limit-info';

/**
 * A text generation model behind some endpoint: the one interface every provider implements.
 * Only the engine calls `doGenerate`; tasks go through their context so calls are counted and
 * traced (and, once the request scheduler lands, paced and retried).
 */
export interface LanguageModelV1 {
  readonly specificationVersion: 'v1';
  /** Provider name, e.g. `openai`. */
  readonly provider: string;
  /** Model id at that provider, e.g. `gpt-4o-mini`. */
  readonly modelId: string;
  doGenerate(options: LanguageModelV1CallOptions): PromiseLike<LanguageModelV1Result>;
}

/** What to send: either chat messages or, for raw-completion endpoints, one prompt string. */
export type LanguageModelV1Input =
  | { readonly messages: ReadonlyArray<ChatMessage>; readonly prompt?: undefined }
  | { readonly prompt: string; readonly messages?: undefined };

export type LanguageModelV1CallOptions = LanguageModelV1Input & {
  readonly params: GenerationParams;
  /** Ask for structured output. The schema is JSON Schema (build it from zod with `z.toJSONSchema`). */
  readonly responseFormat?: ResponseFormat;
  /** Aborts the request; providers must pass it to their HTTP client. */
  readonly signal?: AbortSignal;
};

export interface ResponseFormat {
  readonly type: 'json';
  /** A JSON Schema object the output must follow. Omit for "any JSON object". */
  readonly schema?: Readonly<Record<string, unknown>>;
  /** Name of the schema, for providers that require one. */
  readonly name?: string;
}

/** Why a choice stopped. `other` covers provider-specific reasons (kept in `raw`). */
export type FinishReason = 'stop' | 'length' | 'content-filter' | 'error' | 'other';

export interface LanguageModelV1Choice {
  readonly text: string;
  readonly finishReason: FinishReason;
}

/** A setting the provider could not honour (e.g. `topK` on OpenAI); the engine logs these once. */
export interface LanguageModelV1Warning {
  readonly type: 'unsupported-setting' | 'other';
  readonly setting?: string;
  readonly message: string;
}

export interface LanguageModelV1Result {
  /** One entry per requested choice (`params.n`, default 1). */
  readonly choices: ReadonlyArray<LanguageModelV1Choice>;
  /** Token counts; 0 when the endpoint does not report them. */
  readonly usage: { readonly inputTokens: number; readonly outputTokens: number };
  /** Rate-limit state from response headers, when the endpoint sends it; feeds the scheduler. */
  readonly rateLimit?: RateLimitInfo;
  readonly warnings?: ReadonlyArray<LanguageModelV1Warning>;
  /** The provider's raw response body, for debugging. Never written to datasets. */
  readonly raw?: unknown;
}
