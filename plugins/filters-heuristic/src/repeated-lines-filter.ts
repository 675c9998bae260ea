import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { formatNumber } from './internal/format-number';
import { analyzeText } from './text/analyze-text';

/** Options of `heuristic:repeated-lines`, named and defaulted like NeMo Curator's `RepeatedLinesFilter`. */
export interface RepeatedLinesFilterOptions {
  /**
   * Smallest share of distinct lines in a kept text, from 0 to 1 (inclusive). Default 0.7, NeMo's:
   * below it, the text repeats itself (navigation, boilerplate, a model looping). Despite the `max_`
   * in its name, kept from NeMo so configurations carry over, it is a MINIMUM on the score.
   */
  readonly max_repeated_line_fraction?: number;
}

const repeatedLinesFilterOptionsSchema: z.ZodType<
  Required<RepeatedLinesFilterOptions>,
  RepeatedLinesFilterOptions | undefined
> = strictOptionsObject({
  max_repeated_line_fraction: z
    .number({ error: 'must be a number from 0 to 1, e.g. 0.7' })
    .min(0, { error: 'must be from 0 to 1' })
    .max(1, { error: 'must be from 0 to 1' })
    .default(0.7)
    .describe('Smallest share of distinct lines in a kept text, from 0 to 1 (a minimum, despite the name).'),
}).prefault({});

/**
 * `heuristic:repeated-lines`: drops texts whose share of distinct lines is below
 * `max_repeated_line_fraction`, making the same decisions as NeMo Curator's `RepeatedLinesFilter`.
 *
 * Score: distinct lines / lines, where lines are the text split on `\n` without the blank ones
 * (whitespace-only lines are skipped; kept lines are compared as they are, not stripped).
 * Keep: `score ≥ max_repeated_line_fraction`.
 *
 * Text without non-blank lines (empty or whitespace-only) would divide by zero in NeMo (it raises).
 * synthkit scores it 0 (a real fraction is above 0, so 0 means "no lines") and always drops it, even
 * when `max_repeated_line_fraction` is 0.
 */
export const repeatedLinesFilter = defineFilter({
  description:
    'Drops texts whose share of distinct non-blank lines is below max_repeated_line_fraction (a minimum, named as in NeMo Curator RepeatedLinesFilter). Texts without lines are dropped.',
  options: repeatedLinesFilterOptionsSchema,
  create: (options) => {
    const minimumFraction = options.max_repeated_line_fraction;
    return {
      options,
      score: (text) => scoreDistinctLineFraction(text),
      keep: (score) => score !== noLinesScore && score >= minimumFraction,
      describe: (score) => {
        if (score === noLinesScore) return 'no non-blank lines';
        const fraction = `distinct line fraction ${formatNumber(score, minimumFraction)}`;
        if (score < minimumFraction) {
          return `${fraction}, less than max_repeated_line_fraction ${minimumFraction} (too many repeated lines)`;
        }
        return `${fraction}, at least max_repeated_line_fraction ${minimumFraction}`;
      },
    };
  },
});

/**
 * Creates the `heuristic:repeated-lines` filter without going through the plugin registry (see
 * {@link repeatedLinesFilter} for its score and keep rule).
 *
 * @param options the threshold; omitted, it takes NeMo Curator's default 0.7.
 * @throws InvalidArgumentError when the fraction is not a number from 0 to 1 or an option is unknown.
 */
export function createRepeatedLinesFilter(
  options?: RepeatedLinesFilterOptions,
): HeuristicTextFilter<Required<RepeatedLinesFilterOptions>> {
  return createFilter(repeatedLinesFilter, options, 'heuristic:repeated-lines');
}

// --- Internal helpers ---

/** Score of a text without non-blank lines: impossible for a real fraction (at least 1 / lines). */
const noLinesScore = 0;

function scoreDistinctLineFraction(text: string): number {
  const { pieces, distinctPieces } = analyzeText(text).lineRepetition;
  if (pieces === 0) return noLinesScore;
  return distinctPieces / pieces;
}
