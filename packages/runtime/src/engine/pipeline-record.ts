import type { JsonRecord, JsonValue, RecordMeta } from '@synthkit/core';

/**
 * Where the last stage of a pipeline run with `serialize: true` leaves a record's dataset line
 * (JSON, no newline). A symbol, so the line is never part of the record itself.
 */
export const serializedLine: unique symbol = Symbol('synthkit.serializedLine');

/** A record as it flows through the engine: its fields plus `_id` and `_meta`. */
export type PipelineRecord = JsonRecord & { _id: string; _meta: RecordMeta & JsonValue; [serializedLine]?: string };

/** Why a record left the pipeline early, as written to `rejects.jsonl`. */
export interface RejectEntry {
  /** Stage that dropped it. */
  readonly stage: string;
  /**
   * - `filtered`: a filter stage decided not to keep it;
   * - `rejected`: a task dropped it on purpose (`ctx.reject`);
   * - `failed`: processing threw (model error after retries, invalid input or output).
   */
  readonly kind: 'filtered' | 'rejected' | 'failed';
  /** Human-readable reason, e.g. `12 words, fewer than min_words 50`. */
  readonly reason: string;
  readonly error?: { readonly name: string; readonly message: string; readonly statusCode?: number };
  readonly details?: JsonRecord;
  /** The record as the stage received it. */
  readonly record: JsonRecord;
}

/** The fields of a record without the engine's `_id` and `_meta`. */
export function recordFields(record: JsonRecord): JsonRecord {
  const { _id: _ignoredId, _meta: _ignoredMeta, ...fields } = record;
  return fields;
}

/**
 * A record as its dataset line. JSON.stringify turns what JSON cannot hold into errors (a BigInt,
 * a cycle) or silently into something else (`undefined` and functions vanish, which is fine);
 * the error names the stage that made the record.
 */
export function serializeRecord(record: PipelineRecord, reference: string): string {
  try {
    return JSON.stringify(record);
  } catch (error) {
    throw new Error(
      `${reference} made a record that cannot be written as JSON (${(error as Error).message}); records must be plain JSON: convert BigInt values to numbers or strings and remove circular references.`,
    );
  }
}
