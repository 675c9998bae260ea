import type { LanguageModelV1, LanguageModelV1CallOptions, LanguageModelV1Result } from './language-model-v1';

/**
 * Who is asking: the engine's description of one model call, handed to every middleware.
 * A plain object; middlewares may read it and update `trace`.
 */
export interface ModelCallContextV1 {
  /** Name of the stage making the call (or of the filter, judge, embedder...). */
  readonly stage: string;
  /** Position of that stage in the pipeline, from 0. When requests wait for a slot, deeper calls go first. */
  readonly depth: number;
  /** The model role in the task (`generator`, `converter`, ...). */
  readonly role: string;
  /** `_id` of the record the call is made for. */
  readonly recordId: string;
  /**
   * Which call this is among the calls made for this record at this stage, from 0. Part of the
   * cache key, so two deliberate calls with the same prompt (best-of-n) are never collapsed.
   */
  readonly ordinal: number;
  /**
   * Which part of the call this is, from 0, when the engine split a large `n` into several requests
   * for a model with a smaller `maxChoicesPerCall`. Undefined for a call that was not split.
   */
  readonly part?: number;
  /**
   * How many times the call was asked again because a policy refused its answer (e.g. an answer
   * cut off at `max_tokens` with `on_length: retry`), from 0. Part of the cache key, so the new
   * request is not answered with the refused answer.
   */
  readonly repeat?: number;
  /** Aborted when the run stops; middlewares that wait must stop waiting. */
  readonly signal: AbortSignal;
  /** What happened to the call, filled in by the engine's middlewares and copied into `_meta.calls`. */
  readonly trace: ModelCallTraceV1;
}

/** Facts about one call that middlewares record as they handle it. */
export interface ModelCallTraceV1 {
  /** Requests sent to the endpoint for this call, retries included; 0 when served from the cache. */
  attempts: number;
  /** True when the answer came from the response cache. */
  cached: boolean;
  /** Milliseconds spent waiting for a request slot or rate-limit budget, over all attempts. */
  waitedMs: number;
  /**
   * Answers that did not fit the requested response format and were sent back to the model once,
   * with what was wrong, to be fixed. Optional: counted from 0 when first needed.
   */
  repairs?: number;
}

/**
 * Wraps the calls of a language model, like the AI SDK's `LanguageModelMiddleware`: logging,
 * guardrails, caching, retries and scheduling are all middlewares around `doGenerate`. The engine's
 * gateway chains its own (statistics → yours → cache → retry → rate limit → concurrency); add yours
 * with the `middleware` option of a run.
 */
export interface LanguageModelMiddlewareV1 {
  readonly specificationVersion: 'v1';
  /** Short name, shown in errors. */
  readonly name: string;
  /** Changes the call options before they go further down the chain (e.g. adds a system prompt). */
  transformParams?(options: {
    readonly params: LanguageModelV1CallOptions;
    readonly model: LanguageModelV1;
    readonly call: ModelCallContextV1;
  }): LanguageModelV1CallOptions | PromiseLike<LanguageModelV1CallOptions>;
  /**
   * Wraps the rest of the chain. Call `doGenerate()` to continue (any number of times: a retry
   * calls it again), optionally with changed options or a changed call description (a `repeat`);
   * return its result or your own.
   */
  wrapGenerate?(options: {
    readonly doGenerate: (params?: LanguageModelV1CallOptions, call?: ModelCallContextV1) => PromiseLike<LanguageModelV1Result>;
    readonly params: LanguageModelV1CallOptions;
    readonly model: LanguageModelV1;
    readonly call: ModelCallContextV1;
  }): PromiseLike<LanguageModelV1Result>;
}
