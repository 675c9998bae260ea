import type { FilterV1 } from '@synthkit/core';

/**
 * A filter made by this package's `create…Filter` factories: a synthkit {@link FilterV1} whose
 * `score` is synchronous and always a number, so it can also be used directly, without the runtime:
 *
 * ```ts
 * const filter = createWordCountFilter({ min_words: 10 });
 * const score = filter.score(text);
 * if (!filter.keep(score)) console.log(filter.describe(score));
 * ```
 */
export interface HeuristicTextFilter<Options> extends FilterV1 {
  /** The options in use, after validation, with NeMo Curator's defaults filled in. */
  readonly options: Readonly<Options>;
  /** Scores one text. Synchronous, linear in the text's length. */
  score(text: string): number;
  /** True to keep a record with this score (a number from this filter's `score`). */
  keep(score: number): boolean;
  /** A human reason for the verdict on this score, e.g. `"12 words, fewer than min_words 50"`. */
  describe(score: number): string;
}
