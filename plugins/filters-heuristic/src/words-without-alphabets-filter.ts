import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import type { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { ratioOption } from './internal/option-schemas';
import { atLeast, nothingToMeasureScore } from './internal/threshold-rules';
import { analyzeText } from './text/analyze-text';
import { hasAlphabeticCharacter } from './text/is-alphabetic';

/** Options of `heuristic:words-without-alphabets`, named and defaulted like NeMo Curator's `WordsWithoutAlphabetsFilter`. */
export interface WordsWithoutAlphabetsFilterOptions {
  /**
   * Smallest share of words holding a letter in a kept text, from 0 to 1 (inclusive). Default 0.8,
   * from Gopher (Rae et al., 2021): tables of numbers, symbol soup.
   */
  readonly min_words_with_alphabets?: number;
}

const wordsWithoutAlphabetsFilterOptionsSchema: z.ZodType<
  Required<WordsWithoutAlphabetsFilterOptions>,
  WordsWithoutAlphabetsFilterOptions | undefined
> = strictOptionsObject({
  min_words_with_alphabets: ratioOption(0.8, 'Smallest share of words holding at least one alphabetic character in a kept text, from 0 to 1.'),
}).prefault({});

/**
 * `heuristic:words-without-alphabets` (Gopher, Rae et al., 2021): drops texts where fewer than
 * `min_words_with_alphabets` of the words hold a letter, like NeMo Curator's
 * `WordsWithoutAlphabetsFilter`.
 *
 * Score: words holding at least one alphabetic character (Unicode's `Alphabetic` property, any
 * script) / words. Keep: `score ≥ min_words_with_alphabets`. Text without words scores −1 and is
 * dropped (NeMo divides by zero).
 */
export const wordsWithoutAlphabetsFilter = defineFilter({
  description:
    'Drops texts whose share of words holding at least one letter (any script) is below min_words_with_alphabets, like NeMo Curator WordsWithoutAlphabetsFilter (Gopher).',
  options: wordsWithoutAlphabetsFilterOptionsSchema,
  create: (options) => {
    const rule = atLeast({ measure: 'share of words with a letter', nothingToMeasure: 'no words' }, 'min_words_with_alphabets', options.min_words_with_alphabets);
    return { options, score: (text) => scoreWordsWithLetters(text), keep: rule.keep, describe: rule.describe };
  },
});

/**
 * Creates the `heuristic:words-without-alphabets` filter without the plugin registry (see
 * {@link wordsWithoutAlphabetsFilter}).
 *
 * @param options the threshold; omitted, it takes NeMo Curator's default 0.8.
 * @throws InvalidArgumentError when the ratio is not a number from 0 to 1 or an option is unknown.
 */
export function createWordsWithoutAlphabetsFilter(
  options?: WordsWithoutAlphabetsFilterOptions,
): HeuristicTextFilter<Required<WordsWithoutAlphabetsFilterOptions>> {
  return createFilter(wordsWithoutAlphabetsFilter, options, 'heuristic:words-without-alphabets');
}

// --- Internal helpers ---

function scoreWordsWithLetters(text: string): number {
  const analysis = analyzeText(text);
  if (analysis.wordCount === 0) return nothingToMeasureScore;
  // Each distinct word is tested once, on its code units in the text: no string per word.
  return analysis.countWordsWhere(hasAlphabeticCharacter) / analysis.wordCount;
}
