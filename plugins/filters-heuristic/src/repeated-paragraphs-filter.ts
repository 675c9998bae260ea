import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import type { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { ratioOption } from './internal/option-schemas';
import { atLeast } from './internal/threshold-rules';
import { analyzeText } from './text/analyze-text';

/** Options of `heuristic:repeated-paragraphs`, named and defaulted like NeMo Curator's `RepeatedParagraphsFilter`. */
export interface RepeatedParagraphsFilterOptions {
  /**
   * Smallest share of distinct paragraphs in a kept text, from 0 to 1 (inclusive). Default 0.7,
   * from Gopher (Rae et al., 2021). Despite the `max_` in its name (NeMo's), it is a MINIMUM.
   */
  readonly max_repeated_paragraphs_ratio?: number;
}

const repeatedParagraphsFilterOptionsSchema: z.ZodType<
  Required<RepeatedParagraphsFilterOptions>,
  RepeatedParagraphsFilterOptions | undefined
> = strictOptionsObject({
  max_repeated_paragraphs_ratio: ratioOption(0.7, 'Smallest share of distinct paragraphs in a kept text, from 0 to 1 (a minimum, despite the name).'),
}).prefault({});

/**
 * `heuristic:repeated-paragraphs` (Gopher, Rae et al., 2021): drops texts whose share of distinct
 * paragraphs is below `max_repeated_paragraphs_ratio`, like NeMo Curator's `RepeatedParagraphsFilter`.
 *
 * Score: distinct paragraphs / paragraphs, with paragraphs as the text split on `\n\n` (empty ones
 * kept and compared too: `"a\n\n\n\nb"` is `a`, an empty paragraph and `b`). Every text
 * has at least one paragraph. Keep: `score ≥ max_repeated_paragraphs_ratio`.
 */
export const repeatedParagraphsFilter = defineFilter({
  description:
    'Drops texts whose share of distinct paragraphs (split on a blank line) is below max_repeated_paragraphs_ratio (a minimum, named as in NeMo Curator RepeatedParagraphsFilter).',
  options: repeatedParagraphsFilterOptionsSchema,
  create: (options) => {
    const rule = atLeast({ measure: 'distinct paragraph fraction' }, 'max_repeated_paragraphs_ratio', options.max_repeated_paragraphs_ratio);
    return { options, score: (text) => scoreDistinctParagraphFraction(text), keep: rule.keep, describe: rule.describe };
  },
});

/**
 * Creates the `heuristic:repeated-paragraphs` filter without the plugin registry (see
 * {@link repeatedParagraphsFilter}).
 *
 * @param options the threshold; omitted, it takes NeMo Curator's default 0.7.
 * @throws InvalidArgumentError when the ratio is not a number from 0 to 1 or an option is unknown.
 */
export function createRepeatedParagraphsFilter(
  options?: RepeatedParagraphsFilterOptions,
): HeuristicTextFilter<Required<RepeatedParagraphsFilterOptions>> {
  return createFilter(repeatedParagraphsFilter, options, 'heuristic:repeated-paragraphs');
}

// --- Internal helpers ---

function scoreDistinctParagraphFraction(text: string): number {
  const { pieces, distinctPieces } = analyzeText(text).paragraphRepetition;
  return distinctPieces / pieces;
}
