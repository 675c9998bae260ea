import { z } from 'zod';

/**
 * How calls to a model are collected into jobs of its provider's batch API (`batch:` under
 * `endpoints.<model>` in a recipe). A job is submitted when `maxRequests` calls are waiting, or
 * `windowMs` after the first of them arrived, whichever comes first.
 */
export interface BatchSettings {
  /** Most requests in one job (also bounded by the provider's own limit). @default 1000 */
  readonly maxRequests: number;
  /**
   * Milliseconds to keep collecting after the first request of a job arrived. Longer windows make
   * fewer, larger jobs; stages after a batch stage start only as its jobs end. @default 10000
   */
  readonly windowMs: number;
  /** Milliseconds between two looks at a job in progress. @default 30000 */
  readonly pollIntervalMs: number;
  /**
   * Jobs a request is sent in at most, the first included: a request that failed with a
   * retryable error, expired or was cancelled is submitted again in a later job, up to this many
   * times, then fails its record with the reason. @default 3
   */
  readonly maxSubmissions: number;
}

/** The defaults of `batch: true`. */
export const defaultBatchSettings: BatchSettings = {
  maxRequests: 1000,
  windowMs: 10_000,
  pollIntervalMs: 30_000,
  maxSubmissions: 3,
};

/** What to do with an answer that stopped for a reason other than a natural end. */
export type FinishReasonPolicy = 'keep' | 'retry' | 'reject';

/**
 * How the engine treats one endpoint (a provider, base URL and model): its request window, its
 * budgets, its timeout and its retries. Every member has a default; recipes set them under
 * `endpoints:` (see {@link endpointSettingsSchema}).
 */
export interface EndpointSettings {
  /**
   * Most requests the endpoint ever has open at once: the ceiling of its adaptive window.
   * @default 16
   */
  readonly concurrency: number;
  /** Lowest the adaptive window shrinks to on 429/503 answers and rising latency. @default 1 */
  readonly minConcurrency: number;
  /**
   * Shrink the window on overload answers (429, 503, 529) and on rising latency, and grow it back
   * on success, between `minConcurrency` and `concurrency`. @default true
   */
  readonly adaptive: boolean;
  /** Requests per minute the endpoint allows. Live `x-ratelimit-*` headers take over when present. */
  readonly requestsPerMinute: number | undefined;
  /** Tokens (input and output) per minute, for endpoints with one combined budget. */
  readonly tokensPerMinute: number | undefined;
  readonly inputTokensPerMinute: number | undefined;
  readonly outputTokensPerMinute: number | undefined;
  /**
   * Milliseconds of silence after which a request counts as timed out and is retried: no response
   * headers yet, or no new chunk of a streamed answer. A streamed answer that keeps coming is never
   * cut off. @default 30000
   */
  readonly timeoutMs: number;
  /** Requests sent per call at most, the first included: 1 turns retries off. @default 6 */
  readonly maxAttempts: number;
  /**
   * The longest `retry-after` the engine honours, in milliseconds; a longer one is cut to this.
   * @default 60000
   */
  readonly maxRetryAfterMs: number;
  /** Answers cut off by `max_tokens` (finish reason `length`). @default 'keep' */
  readonly onLength: FinishReasonPolicy;
  /** Answers stopped by the provider's content filter. @default 'reject' */
  readonly onContentFilter: FinishReasonPolicy;
  /**
   * Send the model's calls through its provider's batch API (OpenAI Batch, Anthropic Message
   * Batches: half price, answers within hours) instead of one request each; undefined sends them
   * online. Requires a model with a batch API (`LanguageModelV1.batch`). @default undefined
   */
  readonly batch: BatchSettings | undefined;
}

/** The defaults of every endpoint setting. */
export const defaultEndpointSettings: EndpointSettings = {
  concurrency: 16,
  minConcurrency: 1,
  adaptive: true,
  requestsPerMinute: undefined,
  tokensPerMinute: undefined,
  inputTokensPerMinute: undefined,
  outputTokensPerMinute: undefined,
  timeoutMs: 30_000,
  maxAttempts: 6,
  maxRetryAfterMs: 60_000,
  onLength: 'keep',
  onContentFilter: 'reject',
  batch: undefined,
};

const policy = z.enum(['keep', 'retry', 'reject']);
const perMinute = z.number().positive();

/** `batch:` as a recipe writes it: `true`, `false`, or the settings to change (snake_case). */
const batchSettingsSchema = z.union([
  z.boolean(),
  z.strictObject({
    max_requests: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .optional()
      .meta({ description: 'Most requests in one batch job (also bounded by the provider\'s own limit).', default: defaultBatchSettings.maxRequests }),
    window_ms: z
      .number()
      .int()
      .min(0)
      .optional()
      .meta({
        description: 'Milliseconds to keep collecting requests after the first of a job arrived: longer windows make fewer, larger jobs.',
        default: defaultBatchSettings.windowMs,
      }),
    poll_interval_ms: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({ description: 'Milliseconds between two looks at a job in progress.', default: defaultBatchSettings.pollIntervalMs }),
    max_submissions: z
      .number()
      .int()
      .min(1)
      .max(100)
      .optional()
      .meta({
        description: 'Jobs a request is sent in at most, the first included: a request that failed, expired or was cancelled goes into a later job.',
        default: defaultBatchSettings.maxSubmissions,
      }),
  }),
]);

/**
 * Endpoint settings as written in a recipe (snake_case), under `endpoints.<key>` where the key is
 * `default`, a provider name (`openai`) or a model reference (`openai:gpt-4o-mini`). Every field is
 * optional; more specific keys win field by field.
 */
export const endpointSettingsSchema = z
  .strictObject({
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .optional()
      .meta({
        description: 'Most requests the endpoint has open at once: the ceiling of its adaptive window.',
        defaultDescription:
          `${defaultEndpointSettings.concurrency}; a model that runs inside the synthkit process: the requests it serves at once ` +
          '(`llama-cpp`: its provider\'s `sequences`), which `endpoints.default` does not raise',
      }),
    min_concurrency: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .optional()
      .meta({
        description: 'Fewest requests the adaptive window shrinks to on overload answers (429, 503, 529) and rising latency.',
        default: defaultEndpointSettings.minConcurrency,
      }),
    adaptive: z
      .boolean()
      .optional()
      .meta({
        description: 'Shrink the window on overload answers and rising latency, and grow it back on success; `false` keeps it at `concurrency`.',
        default: defaultEndpointSettings.adaptive,
      }),
    requests_per_minute: perMinute
      .optional()
      .meta({ description: 'Requests per minute the endpoint allows; its `x-ratelimit-*` response headers take over when it sends them.' }),
    tokens_per_minute: perMinute
      .optional()
      .meta({ description: 'Tokens (input and output together) per minute, for an endpoint with one combined budget; live headers take over likewise.' }),
    input_tokens_per_minute: perMinute
      .optional()
      .meta({ description: 'Input (prompt) tokens per minute the endpoint allows; live headers take over likewise.' }),
    output_tokens_per_minute: perMinute
      .optional()
      .meta({ description: 'Output (generated) tokens per minute the endpoint allows; live headers take over likewise.' }),
    timeout_ms: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({
        description:
          'Milliseconds of silence after which a request is abandoned and retried: no response headers yet, or no new chunk of a streamed answer.',
        default: defaultEndpointSettings.timeoutMs,
      }),
    max_attempts: z
      .number()
      .int()
      .min(1)
      .max(100)
      .optional()
      .meta({ description: 'Requests sent per call at most, the first included: 1 turns retries off.', default: defaultEndpointSettings.maxAttempts }),
    max_retry_after_ms: z
      .number()
      .int()
      .min(0)
      .optional()
      .meta({
        description: 'The longest `retry-after` the engine honours, in milliseconds; a longer one is cut to this.',
        default: defaultEndpointSettings.maxRetryAfterMs,
      }),
    on_length: policy.optional().meta({
      description: 'What to do with an answer cut off at `max_tokens`: `keep` it, `retry` the request once, or `reject` the record.',
      default: defaultEndpointSettings.onLength,
    }),
    on_content_filter: policy.optional().meta({
      description: 'What to do with an answer stopped by the provider\'s content filter: `keep` it, `retry` the request once, or `reject` the record.',
      default: defaultEndpointSettings.onContentFilter,
    }),
    batch: batchSettingsSchema.optional().meta({
      description:
        'Send the model\'s calls through its provider\'s batch API (half price, answers within hours): `true` with the default settings, or the settings to change.',
      default: false,
    }),
  })
  .meta({ description: 'How the engine calls one endpoint (a provider, a server and a model).' });

export type EndpointSettingsDocument = z.infer<typeof endpointSettingsSchema>;

/**
 * Applies recipe layers over the defaults, least specific first. `concurrency` (the `--concurrency`
 * flag) wins over every layer. The floor never exceeds the ceiling.
 */
export function resolveEndpointSettings(
  layers: ReadonlyArray<EndpointSettingsDocument | undefined>,
  overrides: { readonly concurrency?: number | undefined } = {},
): EndpointSettings {
  let settings: EndpointSettings = defaultEndpointSettings;
  for (const layer of layers) {
    if (layer == null) continue;
    settings = {
      concurrency: layer.concurrency ?? settings.concurrency,
      minConcurrency: layer.min_concurrency ?? settings.minConcurrency,
      adaptive: layer.adaptive ?? settings.adaptive,
      requestsPerMinute: layer.requests_per_minute ?? settings.requestsPerMinute,
      tokensPerMinute: layer.tokens_per_minute ?? settings.tokensPerMinute,
      inputTokensPerMinute: layer.input_tokens_per_minute ?? settings.inputTokensPerMinute,
      outputTokensPerMinute: layer.output_tokens_per_minute ?? settings.outputTokensPerMinute,
      timeoutMs: layer.timeout_ms ?? settings.timeoutMs,
      maxAttempts: layer.max_attempts ?? settings.maxAttempts,
      maxRetryAfterMs: layer.max_retry_after_ms ?? settings.maxRetryAfterMs,
      onLength: layer.on_length ?? settings.onLength,
      onContentFilter: layer.on_content_filter ?? settings.onContentFilter,
      batch: batchOf(layer.batch, settings.batch),
    };
  }
  const concurrency = overrides.concurrency ?? settings.concurrency;
  return { ...settings, concurrency, minConcurrency: Math.min(settings.minConcurrency, concurrency) };
}

// --- Internal helpers ---

/** A layer's `batch:` over the batch settings so far: `false` turns batching off, an object turns it on. */
function batchOf(layer: EndpointSettingsDocument['batch'], current: BatchSettings | undefined): BatchSettings | undefined {
  if (layer == null) return current;
  if (layer === false) return undefined;
  const base = current ?? defaultBatchSettings;
  if (layer === true) return base;
  return {
    maxRequests: layer.max_requests ?? base.maxRequests,
    windowMs: layer.window_ms ?? base.windowMs,
    pollIntervalMs: layer.poll_interval_ms ?? base.pollIntervalMs,
    maxSubmissions: layer.max_submissions ?? base.maxSubmissions,
  };
}
