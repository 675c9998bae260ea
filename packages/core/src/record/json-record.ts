/** Any value JSON can represent. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A record: a plain JSON object. Records flow between stages and are written one per line.
 * The engine adds `_id` and `_meta` (see {@link RecordMeta}); tasks and filters never need to.
 */
export type JsonRecord = { [key: string]: JsonValue };

/** One ancestor of a record: the stage that produced it and its `_id`. */
export interface LineageEntry {
  readonly stage: string;
  readonly id: string;
}

/** Token counts of one model call, as the provider reported them; absent when it did not report them. */
export interface TokenUsage {
  /** Prompt tokens, cached ones included. */
  readonly inputTokens?: number;
  /** Completion tokens over all choices. */
  readonly outputTokens?: number;
  /** Prompt tokens the provider served from its prompt cache. */
  readonly cachedInputTokens?: number;
}

/**
 * What the engine records about how a record was made, under `_meta`, so every row can be traced
 * back to its source and reproduced.
 */
export interface RecordMeta {
  /** Name of the stage that produced the record. */
  readonly stage: string;
  /** The `namespace:item` of the task, filter or modifier that produced it. */
  readonly task?: string;
  /** `_id` of the record this one was produced from. Absent for source records. */
  readonly parent?: string;
  /** Every ancestor, oldest first: the first entry is the root (e.g. the macro topic). */
  readonly lineage: ReadonlyArray<LineageEntry>;
  /** Model calls made for this record, in order. */
  readonly calls?: ReadonlyArray<ModelCallMeta>;
  /** Scores given by filter stages, and by tasks that grade their records (`TaskV1.scoreOf`), by stage name. */
  readonly scores?: Readonly<Record<string, number | boolean>>;
}

/** One model call made while producing a record. */
export interface ModelCallMeta {
  /** Stage that made the call. Calls of ancestor stages are kept, so a row carries its whole history. */
  readonly stage: string;
  /** The model role in the task (`generator`, `converter`, ...). */
  readonly role: string;
  /** What kind of model answered: absent for a language model (the common case). */
  readonly kind?: 'reward' | 'embedding';
  /** For a reward model's call: the scores it gave, by attribute. */
  readonly scores?: Readonly<Record<string, number>>;
  /** `provider:modelId`. */
  readonly model: string;
  /** Template name, and a short hash of its text so prompt changes are visible in the data. */
  readonly template?: string;
  readonly templateHash?: string;
  /** Generation parameters sent (never credentials). */
  readonly params: Readonly<Record<string, JsonValue>>;
  /**
   * Requests sent to the endpoint for this call, the successful one included (providers do not
   * retry on their own; the engine does). 0 when the answer came from the response cache.
   */
  readonly attempts: number;
  /** True when the answer was replayed from the response cache (no request was sent). */
  readonly cached: boolean;
  /** Milliseconds from the call to its answer, waiting for a slot and retries included. */
  readonly latencyMs: number;
  /** The model that actually answered and the endpoint's request id, when it said. */
  readonly response?: { readonly modelId?: string; readonly requestId?: string };
  /** Token usage as sent by the endpoint (for a cached answer, what the original request used). */
  readonly usage: TokenUsage;
  /**
   * Answers of this call that did not fit the response format and were sent back to the model once
   * to be fixed (their requests are in `attempts`, their tokens in `usage`). Absent when none were.
   */
  readonly repairs?: number;
}
