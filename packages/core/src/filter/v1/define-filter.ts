import type { z } from 'zod';
import type { JsonRecord } from '../../record/json-record';
import type { FilterDefinitionV1, FilterScore, FilterV1 } from './filter-v1';

/**
 * A filter as {@link defineFilter}'s `create` returns it: a {@link FilterV1} whose score has one
 * type (`number` or `boolean`), so `keep` and `describe` take it without casts, and with no
 * `specificationVersion` to write.
 */
export interface DefinedFilter<Score extends FilterScore> {
  /** Scores one record: `text` is the stage's `field` (`text` by default), `record` the whole record. */
  score(text: string, record: JsonRecord): Score | PromiseLike<Score>;
  /** True to keep a record with this score. */
  keep(score: Score): boolean;
  /** Explains a drop for `rejects.jsonl`, e.g. `12 words, fewer than min_words 50`. */
  describe?(score: Score): string;
}

/** What {@link defineFilter} takes. */
export interface FilterDefinition<OptionsSchema extends z.ZodType, Score extends FilterScore> {
  /** One sentence on what the filter keeps, shown by `synthkit filters list`. */
  readonly description: string;
  /** Schema of the stage's `options`; `create` receives what it parses to (defaults applied). */
  readonly options: OptionsSchema;
  /** Makes the filter of one stage from its parsed options. */
  create(options: z.output<OptionsSchema>): DefinedFilter<Score>;
}

/**
 * Defines a filter, with its options typed from their schema and its score typed once:
 *
 * ```ts
 * export const minWords = defineFilter({
 *   description: 'Keeps texts with at least min_words words.',
 *   options: z.object({ min_words: z.number().int().min(0).default(50) }),
 *   create: ({ min_words }) => ({
 *     score: (text) => text.split(/\s+/).filter(Boolean).length,
 *     keep: (words) => words >= min_words,
 *     describe: (words) => `${words} words, fewer than min_words ${min_words}`,
 *   }),
 * });
 * ```
 */
export function defineFilter<OptionsSchema extends z.ZodType, Score extends FilterScore>(
  definition: FilterDefinition<OptionsSchema, Score>,
): FilterDefinitionV1<z.output<OptionsSchema>> {
  return {
    specificationVersion: 'v1',
    description: definition.description,
    options: definition.options as z.ZodType<z.output<OptionsSchema>>,
    create(options) {
      const filter = definition.create(options);
      // Scores reach keep() and describe() only from this filter's own score(), so they have its type.
      return { specificationVersion: 'v1', ...filter } as FilterV1;
    },
  };
}
