import type { ChatMessage } from './chat-message';
import type { LanguageModelV1BatchApi } from './language-model-v1-batch-api';
import type { GenerationParams } from './generation-params';
import type { RateLimitInfo } from './rate-limit-info';

/**
 * A text generation model behind some endpoint: the one interface every provider implements.
 * Only the engine calls `doGenerate`; tasks go through their context, so every call is scheduled,
 * retried, cached, counted and traced by the run's model gateway.
 */
export interface LanguageModelV1 {
  readonly specificationVersion: 'v1';
  /** Provider name, e.g. `openai`. */
  readonly provider: string;
  /** Model id at that provider, e.g. `gpt-4o-mini`. */
  readonly modelId: string;
  /**
   * Which server the model lives on, e.g. the base URL `http://127.0.0.1:8000/v1`, without any
   * credentials. Models with the same provider, endpoint and model id share one request window and
   * one rate-limit budget in the engine. Default: one endpoint per provider name.
   */
  readonly endpoint?: string;
  /**
   * The request window the engine gives this model's endpoint when the recipe does not say
   * (`endpoints.<provider>` or `endpoints.<provider>:<model>` `concurrency`, or `--concurrency`):
   * how many requests it can serve at once. For in-process models, whose capacity is fixed (a
   * llama.cpp context runs a set number of sequences), where sending more only queues or fails.
   * It overrides `endpoints.default`, which is written for remote endpoints. Default: the
   * engine's default window (16).
   */
  readonly defaultConcurrency?: number;
  /**
   * Most choices (`params.n`) one `doGenerate` call may ask for; the engine splits a larger `n`
   * into several calls and joins their choices. Set 1 for endpoints that ignore `n`.
   * Default: no limit.
   */
  readonly maxChoicesPerCall?: number;
  /**
   * How the model is called, when that changes its answers beyond the model id and the call's
   * parameters: e.g. `completions:nemotron` for a model behind OpenAI's raw completions API whose
   * conversations the Nemotron formatter writes. The engine's response cache keys answers by it,
   * so switching the API or the formatter of a model never replays answers given the other way.
   * Default: none (the provider's one way of calling it).
   */
  readonly variant?: string;
  /**
   * The provider's batch API for this model, when it has one (OpenAI Batch, Anthropic Message
   * Batches). The engine uses it only for models the recipe marks `batch: true`; every other call
   * goes through `doGenerate`. Default: none.
   */
  readonly batch?: LanguageModelV1BatchApi;
  doGenerate(options: LanguageModelV1CallOptions): PromiseLike<LanguageModelV1Result>;
}

/** What to send: either chat messages or, for raw-completion endpoints, one prompt string. */
export type LanguageModelV1Input =
  | { readonly messages: ReadonlyArray<ChatMessage>; readonly prompt?: undefined }
  | { readonly prompt: string; readonly messages?: undefined };

/** What is asked of the model: the input, the parameters and the response format. */
export type LanguageModelV1Request = LanguageModelV1Input & {
  readonly params: GenerationParams;
  /** Ask for structured output. The schema is JSON Schema (build it from zod with `z.toJSONSchema`). */
  readonly responseFormat?: ResponseFormat;
};

/** A request plus how to carry it out: its abort signal and the activity callback. */
export type LanguageModelV1CallOptions = LanguageModelV1Request & {
  /** Aborts the request; providers must pass it to their HTTP client. */
  readonly signal?: AbortSignal;
  /**
   * Providers call it whenever data arrives: when the response headers come in and for every chunk
   * of a streamed body. The engine's request timeout measures the silence between calls, so a long
   * answer that keeps streaming is never cut off while a hung endpoint is noticed quickly.
   * Optional for providers: one that never calls it gets a timeout on the whole request.
   */
  readonly onActivity?: () => void;
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

/**
 * Token counts of one call, as the endpoint reported them. A count the endpoint did not report is
 * `undefined`, never 0: unknown is not free.
 */
export interface LanguageModelV1Usage {
  /** Prompt tokens, including cached ones. */
  readonly inputTokens: number | undefined;
  /** Generated tokens, over all choices. */
  readonly outputTokens: number | undefined;
  /** Prompt tokens served from the provider's prompt cache (billed at a discount by most providers). */
  readonly cachedInputTokens?: number | undefined;
}

/** What the endpoint said about the response itself. */
export interface LanguageModelV1ResponseMetadata {
  /** The model that actually answered, when the endpoint says (it may differ from the one asked for). */
  readonly modelId?: string;
  /** The endpoint's id of the request (`x-request-id`, or the response id), for support tickets. */
  readonly requestId?: string;
}

export interface LanguageModelV1Result {
  /** One entry per requested choice (`params.n`, default 1). */
  readonly choices: ReadonlyArray<LanguageModelV1Choice>;
  readonly usage: LanguageModelV1Usage;
  /** Rate-limit state from response headers, when the endpoint sends it; feeds the scheduler. */
  readonly rateLimit?: RateLimitInfo;
  readonly response?: LanguageModelV1ResponseMetadata;
  readonly warnings?: ReadonlyArray<LanguageModelV1Warning>;
  /** The provider's raw response body, for debugging. Never written to datasets or the cache. */
  readonly raw?: unknown;
}
