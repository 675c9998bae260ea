import type { ChatMessage, GenerationParams } from '@synthkit/core';
import { createOpenAITestServer } from './create-openai-test-server';
import type { AnswerRule } from './answer-rule';
import type { LatencyOption } from './latency-option';
import type { RecordedRequest } from './recorded-request';

/** A loopback server of a {@link ConformanceWire}, as the conformance suite uses it. */
export interface ConformanceServer {
  /** What to pass as the provider's base URL. */
  readonly baseURL: string;
  /** Every request received so far, in arrival order. */
  readonly requests: ReadonlyArray<RecordedRequest>;
  /** Requests received and not yet fully answered, right now. */
  readonly inFlight: number;
  close(): Promise<void>;
}

/**
 * A wire format the conformance suite can test a provider against: how to start a loopback server
 * speaking it, and how to read back what a provider sent. `openAIChatWire` covers every provider of
 * an OpenAI-compatible chat API; a provider of another API passes its own.
 */
export interface ConformanceWire {
  /** Shown in test titles, e.g. `OpenAI chat completions`. */
  readonly name: string;
  /** Starts a server answering from `rules` (the rules of `@synthkit/test-server`). */
  startServer(options: {
    readonly rules: ReadonlyArray<AnswerRule>;
    readonly latencyMs?: LatencyOption;
    /** Headers sent with every response. */
    readonly headers?: Readonly<Record<string, string>>;
  }): Promise<ConformanceServer>;
  /** The generation parameters a request carried, in synthkit's names (absent when not sent). */
  paramsOf(request: RecordedRequest): GenerationParams;
  /** The conversation a request carried, system messages included, in order. */
  messagesOf(request: RecordedRequest): ChatMessage[];
  /** The model id a request named. */
  modelOf(request: RecordedRequest): string | undefined;
  /** The JSON schema a request asked the answer to follow, if it asked for one. */
  schemaOf(request: RecordedRequest): unknown;
  /**
   * Response headers that announce, in this API's style, a request limit of 100 with 7 left and a
   * token limit of 5000 with 4000 left; the suite expects them back in `result.rateLimit`.
   */
  readonly rateLimitHeaders: Readonly<Record<string, string>>;
}

/** The OpenAI chat completions API (`POST /v1/chat/completions`), on `createOpenAITestServer`. */
export const openAIChatWire: ConformanceWire = {
  name: 'OpenAI chat completions',
  async startServer({ rules, latencyMs, headers }) {
    const server = await createOpenAITestServer({
      rules,
      ...(latencyMs == null ? {} : { latencyMs }),
      ...(headers == null ? {} : { headers }),
    });
    return server;
  },
  paramsOf(request) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const stop = body['stop'];
    return definedOnly({
      temperature: body['temperature'] as number | undefined,
      topP: body['top_p'] as number | undefined,
      topK: body['top_k'] as number | undefined,
      maxTokens: (body['max_tokens'] ?? body['max_completion_tokens']) as number | undefined,
      seed: body['seed'] as number | undefined,
      n: body['n'] as number | undefined,
      stop: typeof stop === 'string' ? [stop] : (stop as string[] | undefined),
    });
  },
  messagesOf(request) {
    const messages = ((request.body ?? {}) as { messages?: Array<{ role: string; content: unknown }> }).messages ?? [];
    return messages.map((message) => ({
      role: message.role as ChatMessage['role'],
      content: typeof message.content === 'string' ? message.content : JSON.stringify(message.content),
    }));
  },
  modelOf(request) {
    return ((request.body ?? {}) as { model?: string }).model;
  },
  schemaOf(request) {
    const format = ((request.body ?? {}) as { response_format?: { json_schema?: { schema?: unknown } } }).response_format;
    return format?.json_schema?.schema;
  },
  rateLimitHeaders: {
    'x-ratelimit-limit-requests': '100',
    'x-ratelimit-remaining-requests': '7',
    'x-ratelimit-limit-tokens': '5000',
    'x-ratelimit-remaining-tokens': '4000',
  },
};

// --- Internal helpers ---

function definedOnly<Value extends object>(value: Value): Value {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Value;
}
