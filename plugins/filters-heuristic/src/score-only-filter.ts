import { createFilter, defineFilter, type FilterDefinitionV1, type FilterScore, type FilterV1, strictOptionsObject } from '@synthkit/core';
import { z } from 'zod';
import { heuristicFilters } from './heuristic-items';
import { nestedOptionsSchema, resolveHeuristicItem, type ResolvedItem } from './internal/heuristic-item-reference';

/** Options of `heuristic:score-only`. */
export interface ScoreOnlyFilterOptions {
  /** The heuristic filter whose score is recorded: `heuristic:word-count` (or `word-count`). */
  readonly filter: string;
  /** That filter's options, as its own stage would write them. Default: its defaults. */
  readonly options?: Record<string, unknown>;
}

const scoreOnlyFilterOptionsSchema: z.ZodType<ResolvedItem<FilterDefinitionV1<any>>, ScoreOnlyFilterOptions> = strictOptionsObject({
  filter: z.string({ error: 'must name a heuristic filter, e.g. "heuristic:word-count"' }).describe('The heuristic filter whose score is recorded.'),
  options: nestedOptionsSchema,
}).transform((value, context) => resolveHeuristicItem('filter', heuristicFilters as Record<string, FilterDefinitionV1<any>>, value.filter, value.options ?? {}, context, []) ?? z.NEVER);

/**
 * `heuristic:score-only`: scores every record with a heuristic filter and keeps them all, like NeMo
 * Curator's `Score` (which adds a score column without filtering). The score goes where every filter
 * stage's does, `_meta.scores.<stage name>`, so a later `heuristic:score-field` stage, a report or
 * `synthkit stats` can use it.
 *
 * ```yaml
 * - filter: heuristic:score-only
 *   name: words
 *   options: { filter: heuristic:word-count }
 * ```
 */
export const scoreOnlyFilter = defineFilter({
  description: "Records a heuristic filter's score in _meta.scores and keeps every record, like NeMo Curator Score.",
  options: scoreOnlyFilterOptionsSchema,
  create: (options) => {
    // Heuristic filters are record-by-record filters, never aggregates.
    const inner = options.definition.create(options.options) as FilterV1;
    return {
      options,
      score: (text, record, context) => inner.score(text, record, context) as FilterScore | Promise<FilterScore>,
      keep: () => true,
      describe: (score: FilterScore) => `${options.reference} scored ${String(score)} (score only: every record is kept)`,
    };
  },
});

/**
 * Creates the `heuristic:score-only` filter without the plugin registry (see {@link scoreOnlyFilter}).
 *
 * @throws InvalidArgumentError when the filter is unknown or its options are invalid.
 */
export function createScoreOnlyFilter(options: ScoreOnlyFilterOptions) {
  return createFilter(scoreOnlyFilter, options, 'heuristic:score-only');
}
