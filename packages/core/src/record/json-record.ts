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

/** Token counts of the model calls that produced a record. */
export interface TokenUsage {
  /** Prompt tokens, as reported by the provider. */
  readonly inputTokens: number;
  /** Completion tokens, as reported by the provider. */
  readonly outputTokens: number;
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
  /** Scores given by filter stages, by stage name. */
  readonly scores?: Readonly<Record<string, number | boolean>>;
}

/** One model call made while producing a record. */
export interface ModelCallMeta {
  /** Stage that made the call. Calls of ancestor stages are kept, so a row carries its whole history. */
  readonly stage: string;
  /** The model role in the task (`generator`, `converter`, ...). */
  readonly role: string;
  /** `provider:modelId`. */
  readonly model: string;
  /** Template name, and a short hash of its text so prompt changes are visible in the data. */
  readonly template?: string;
  readonly templateHash?: string;
  /** Generation parameters sent (never credentials). */
  readonly params: Readonly<Record<string, JsonValue>>;
  /**
   * Attempts the engine made, including the successful one. Retries a provider's SDK makes on its
   * own (the OpenAI SDK retries twice by default) are not visible here.
   */
  readonly attempts: number;
  readonly usage: TokenUsage;
}
