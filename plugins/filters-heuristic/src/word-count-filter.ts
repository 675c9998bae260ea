import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { checkMinimumNotAboveMaximum } from './internal/check-minimum-not-above-maximum';
import { analyzeText } from './text/analyze-text';

/**
 * Options of `heuristic:word-count`, named and defaulted like NeMo Curator's `WordCountFilter`.
 *
 * NeMo's `lang` option is not offered: Chinese and Japanese need a word segmenter (jieba, MeCab) that
 * this package does not implement, and an accepted-but-ignored `lang` would silently miscount.
 */
export interface WordCountFilterOptions {
  /**
   * Fewest words a kept text may have (inclusive). Default 50, NeMo's: shorter texts carry too little
   * content to be useful training data. A whole number, 0 or more, at most `max_words`.
   */
  readonly min_words?: number;
  /**
   * Most words a kept text may have (inclusive). Default 100000, NeMo's: longer texts are usually
   * concatenation or extraction accidents. A whole number, 0 or more.
   */
  readonly max_words?: number;
}

const wordCountFilterOptionsSchema: z.ZodType<Required<WordCountFilterOptions>, WordCountFilterOptions | undefined> =
  strictOptionsObject({
    min_words: z
      .int({ error: 'must be a whole number of words, e.g. 50' })
      .min(0, { error: 'must be 0 or more' })
      .default(50)
      .describe('Fewest words a kept text may have (inclusive).'),
    max_words: z
      .int({ error: 'must be a whole number of words, e.g. 100000' })
      .min(0, { error: 'must be 0 or more' })
      .default(100_000)
      .describe('Most words a kept text may have (inclusive).'),
  })
    .check(checkMinimumNotAboveMaximum('min_words', 'max_words'))
    .prefault({});

/**
 * `heuristic:word-count`: keeps texts with between `min_words` and `max_words` words (inclusive),
 * making the same decisions as NeMo Curator's `WordCountFilter` for space-separated languages.
 *
 * Score: the number of words, as Python's `text.split()` counts them (runs of non-whitespace, with
 * Python's Unicode whitespace set; see the README). Keep: `min_words ≤ score ≤ max_words`. Empty or
 * whitespace-only text scores 0, so it is dropped unless `min_words` is 0, as in NeMo.
 */
export const wordCountFilter = defineFilter({
  description:
    'Keeps texts with min_words to max_words words (inclusive; words as Python str.split() finds them), like NeMo Curator WordCountFilter.',
  options: wordCountFilterOptionsSchema,
  create: (options) => {
    const { min_words: minimumWords, max_words: maximumWords } = options;
    return {
      options,
      score: (text) => analyzeText(text).wordCount,
      keep: (score) => score >= minimumWords && score <= maximumWords,
      describe: (score) => {
        const words = `${score} ${score === 1 ? 'word' : 'words'}`;
        if (score < minimumWords) return `${words}, fewer than min_words ${minimumWords}`;
        if (score > maximumWords) return `${words}, more than max_words ${maximumWords}`;
        return `${words}, within min_words ${minimumWords} and max_words ${maximumWords}`;
      },
    };
  },
});

/**
 * Creates the `heuristic:word-count` filter without going through the plugin registry (see
 * {@link wordCountFilter} for its score and keep rule).
 *
 * @param options thresholds; omitted ones take NeMo Curator's defaults (50 and 100000).
 * @throws InvalidArgumentError when an option is not a whole number ≥ 0, is unknown, or
 *   `min_words` exceeds `max_words`.
 */
export function createWordCountFilter(
  options?: WordCountFilterOptions,
): HeuristicTextFilter<Required<WordCountFilterOptions>> {
  return createFilter(wordCountFilter, options, 'heuristic:word-count');
}
