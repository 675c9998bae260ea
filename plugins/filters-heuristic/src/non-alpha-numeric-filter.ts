import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { formatNumber } from './internal/format-number';
import { analyzeText } from './text/analyze-text';

/** Options of `heuristic:non-alpha-numeric`, named and defaulted like NeMo Curator's `NonAlphaNumericFilter`. */
export interface NonAlphaNumericFilterOptions {
  /**
   * Largest share of characters (code points) that are not alphanumeric in a kept text, from 0 to 1
   * (inclusive). Default 0.25, NeMo's: text that is mostly symbols, markup or non-Latin noise is
   * rarely useful English prose.
   */
  readonly max_non_alpha_numeric_to_text_ratio?: number;
}

const nonAlphaNumericFilterOptionsSchema: z.ZodType<
  Required<NonAlphaNumericFilterOptions>,
  NonAlphaNumericFilterOptions | undefined
> = strictOptionsObject({
  max_non_alpha_numeric_to_text_ratio: z
    .number({ error: 'must be a number from 0 to 1, e.g. 0.25' })
    .min(0, { error: 'must be from 0 to 1' })
    .max(1, { error: 'must be from 0 to 1' })
    .default(0.25)
    .describe('Largest share of non-alphanumeric characters in a kept text, from 0 to 1.'),
}).prefault({});

/**
 * `heuristic:non-alpha-numeric`: drops texts where more than `max_non_alpha_numeric_to_text_ratio` of
 * the characters are not alphanumeric, making the same decisions as NeMo Curator's `NonAlphaNumericFilter`.
 *
 * Score: `(length − alphanumeric characters) / length`, with length in Unicode code points (an emoji
 * counts 1) and "alphanumeric" meaning NeMo's set: ASCII `a-z A-Z 0-9` plus newline and `? ! , .`
 * (so spaces, accented letters and non-Latin scripts count as non-alphanumeric). Empty text scores 1.
 * Keep: `score ≤ max_non_alpha_numeric_to_text_ratio`.
 */
export const nonAlphaNumericFilter = defineFilter({
  description:
    'Drops texts whose share of non-alphanumeric characters (not ASCII letters, digits, newline or ?!,.) exceeds max_non_alpha_numeric_to_text_ratio, like NeMo Curator NonAlphaNumericFilter.',
  options: nonAlphaNumericFilterOptionsSchema,
  create: (options) => {
    const maximumRatio = options.max_non_alpha_numeric_to_text_ratio;
    return {
      options,
      score: (text) => scoreNonAlphaNumericRatio(text),
      keep: (score) => score <= maximumRatio,
      describe: (score) => {
        const ratio = `non-alphanumeric ratio ${formatNumber(score, maximumRatio)}`;
        if (score > maximumRatio) return `${ratio}, more than max_non_alpha_numeric_to_text_ratio ${maximumRatio}`;
        return `${ratio}, at most max_non_alpha_numeric_to_text_ratio ${maximumRatio}`;
      },
    };
  },
});

/**
 * Creates the `heuristic:non-alpha-numeric` filter without going through the plugin registry (see
 * {@link nonAlphaNumericFilter} for its score and keep rule).
 *
 * @param options the threshold; omitted, it takes NeMo Curator's default 0.25.
 * @throws InvalidArgumentError when the ratio is not a number from 0 to 1 or an option is unknown.
 */
export function createNonAlphaNumericFilter(
  options?: NonAlphaNumericFilterOptions,
): HeuristicTextFilter<Required<NonAlphaNumericFilterOptions>> {
  return createFilter(nonAlphaNumericFilter, options, 'heuristic:non-alpha-numeric');
}

// --- Internal helpers ---

/** NeMo's score: share of code points outside the alphanumeric set (ASCII letters, digits, `\n ? ! , .`); 1 for empty text. */
function scoreNonAlphaNumericRatio(text: string): number {
  const analysis = analyzeText(text);
  // NeMo removes empty documents: an empty text scores 1, the worst ratio.
  if (analysis.length === 0) return 1;
  return (analysis.length - analysis.characterCounts.alphaNumeric) / analysis.length;
}
