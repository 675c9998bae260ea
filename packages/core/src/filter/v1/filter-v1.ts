import type { z } from 'zod';
import type { JsonRecord } from '../../record/json-record';

/** A filter's verdict material: a number (ratio, count, model score) or a yes/no. */
export type FilterScore = number | boolean;

/**
 * Scores records and decides which to keep. Text filters read `text` (the stage's `field`,
 * `text` by default); record-level filters read `record`.
 */
export interface FilterV1 {
  readonly specificationVersion: 'v1';
  score(text: string, record: JsonRecord): FilterScore | PromiseLike<FilterScore>;
  /**
   * Optional batched scoring (one model call for many records), returning one score per item, in
   * order. Reserved: the current engine calls `score` per record; batching engines may prefer this.
   */
  scoreBatch?(items: ReadonlyArray<{ readonly text: string; readonly record: JsonRecord }>): PromiseLike<ReadonlyArray<FilterScore>>;
  /** Largest batch `scoreBatch` accepts. Default 64. */
  readonly batchSize?: number;
  /** True to keep a record with this score. */
  keep(score: FilterScore): boolean;
  /** Explains a drop for `rejects.jsonl`, e.g. `12 words, fewer than min_words 50`. */
  describe?(score: FilterScore): string;
}

/** How a plugin contributes a filter: an options schema and a factory. */
export interface FilterDefinitionV1<Options = unknown> {
  readonly specificationVersion: 'v1';
  readonly description: string;
  /** Schema of the stage's options, with NeMo-compatible defaults where they exist. */
  readonly options: z.ZodType<Options>;
  create(options: Options): FilterV1;
}
