import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { checkMinimumNotAboveMaximum } from './internal/check-minimum-not-above-maximum';
import { formatNumber } from './internal/format-number';
import { analyzeText } from './text/analyze-text';

/**
 * Options of `heuristic:mean-word-length`, named and defaulted like NeMo Curator's
 * `MeanWordLengthFilter`. NeMo's `lang` option is not offered (no Chinese or Japanese word segmenter).
 */
export interface MeanWordLengthFilterOptions {
  /**
   * Shortest mean word length of a kept text, in code points (inclusive). Default 3, NeMo's: lower
   * means lists of initials, numbers or broken tokens. A number, 0 or more, at most
   * `max_mean_word_length`.
   */
  readonly min_mean_word_length?: number;
  /**
   * Longest mean word length of a kept text, in code points (inclusive). Default 10, NeMo's: higher
   * means URLs, hashes, base64 or text without spaces. A number, 0 or more.
   */
  readonly max_mean_word_length?: number;
}

const meanWordLengthFilterOptionsSchema: z.ZodType<
  Required<MeanWordLengthFilterOptions>,
  MeanWordLengthFilterOptions | undefined
> = strictOptionsObject({
  min_mean_word_length: z
    .number({ error: 'must be a number of characters, e.g. 3' })
    .min(0, { error: 'must be 0 or more' })
    .default(3)
    .describe('Shortest mean word length of a kept text, in code points (inclusive).'),
  max_mean_word_length: z
    .number({ error: 'must be a number of characters, e.g. 10' })
    .min(0, { error: 'must be 0 or more' })
    .default(10)
    .describe('Longest mean word length of a kept text, in code points (inclusive).'),
})
  .check(checkMinimumNotAboveMaximum('min_mean_word_length', 'max_mean_word_length'))
  .prefault({});

/**
 * `heuristic:mean-word-length`: keeps texts whose mean word length is between `min_mean_word_length`
 * and `max_mean_word_length` (inclusive), making the same decisions as NeMo Curator's `MeanWordLengthFilter`.
 *
 * Score: the mean length of the words, in Unicode code points (an emoji counts 1), with words as
 * Python's `text.split()` finds them. Keep: `min_mean_word_length ≤ score ≤ max_mean_word_length`.
 *
 * Text without words (empty or whitespace-only) has no mean: Python's mean is NaN there, which fails
 * every comparison. synthkit scores it 0 instead (JSON-safe; a real mean is at least 1, so 0 means
 * "no words") and always drops it, even when `min_mean_word_length` is 0.
 */
export const meanWordLengthFilter = defineFilter({
  description:
    'Keeps texts whose mean word length (code points; words as Python str.split() finds them) is between min_mean_word_length and max_mean_word_length, like NeMo Curator MeanWordLengthFilter. Texts without words are dropped.',
  options: meanWordLengthFilterOptionsSchema,
  create: (options) => {
    const { min_mean_word_length: minimumLength, max_mean_word_length: maximumLength } = options;
    return {
      options,
      score: (text) => scoreMeanWordLength(text),
      keep: (score) => score !== noWordsScore && score >= minimumLength && score <= maximumLength,
      describe: (score) => {
        if (score === noWordsScore) return 'no words, so no mean word length';
        if (score < minimumLength) {
          return `mean word length ${formatNumber(score, minimumLength)}, shorter than min_mean_word_length ${minimumLength}`;
        }
        if (score > maximumLength) {
          return `mean word length ${formatNumber(score, maximumLength)}, longer than max_mean_word_length ${maximumLength}`;
        }
        return `mean word length ${formatNumber(score)}, within min_mean_word_length ${minimumLength} and max_mean_word_length ${maximumLength}`;
      },
    };
  },
});

/**
 * Creates the `heuristic:mean-word-length` filter without going through the plugin registry (see
 * {@link meanWordLengthFilter} for its score and keep rule).
 *
 * @param options thresholds; omitted ones take NeMo Curator's defaults (3 and 10).
 * @throws InvalidArgumentError when an option is not a number ≥ 0, is unknown, or
 *   `min_mean_word_length` exceeds `max_mean_word_length`.
 */
export function createMeanWordLengthFilter(
  options?: MeanWordLengthFilterOptions,
): HeuristicTextFilter<Required<MeanWordLengthFilterOptions>> {
  return createFilter(meanWordLengthFilter, options, 'heuristic:mean-word-length');
}

// --- Internal helpers ---

/** Score of a text without words: impossible for a real mean (every word has at least 1 code point). */
const noWordsScore = 0;

function scoreMeanWordLength(text: string): number {
  const { wordCount, totalWordLength } = analyzeText(text);
  if (wordCount === 0) return noWordsScore;
  return totalWordLength / wordCount;
}
