import { createFilter, defineFilter } from '@synthkit/core';
import type { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { ratioOption } from './internal/option-schemas';
import { strictOptionsObject } from './internal/strict-options-object';
import { atMost, nothingToMeasureScore } from './internal/threshold-rules';
import { analyzeText } from './text/analyze-text';
import { ellipsisMarks } from './text/ellipsis-marks';

/** Options of `heuristic:symbols-to-words`, named and defaulted like NeMo Curator's `SymbolsToWordsFilter`. */
export interface SymbolsToWordsFilterOptions {
  /**
   * Largest share of symbol words (an ellipsis, or mostly `#`) in a kept text, from 0 to 1
   * (inclusive). Default 0.1, from Gopher (Rae et al., 2021): hashtag lists and clipped teasers.
   */
  readonly max_symbol_to_word_ratio?: number;
}

const symbolsToWordsFilterOptionsSchema: z.ZodType<
  Required<SymbolsToWordsFilterOptions>,
  SymbolsToWordsFilterOptions | undefined
> = strictOptionsObject({
  max_symbol_to_word_ratio: ratioOption(0.1, 'Largest share of symbol words (an ellipsis, or mostly #) in a kept text, from 0 to 1.'),
}).prefault({});

/**
 * `heuristic:symbols-to-words` (Gopher, Rae et al., 2021): drops texts where more than
 * `max_symbol_to_word_ratio` of the words are symbols, like NeMo Curator's `SymbolsToWordsFilter`.
 *
 * Score: symbol words / words. A word is a symbol word when it is exactly an ellipsis mark (`...`,
 * `[...]`, `…`, `(...)`, `[…]`, `-»`), or when its number of **runs** of `#` is more than half its
 * length. That is what NeMo computes (it counts the matches of `#+`): `#` and `#a#` are symbol
 * words, `##` and `###` are not. Keep: `score ≤ max_symbol_to_word_ratio`. Text without words
 * scores −1 and is dropped (NeMo divides by zero).
 */
export const symbolsToWordsFilter = defineFilter({
  description:
    'Drops texts whose share of symbol words (an ellipsis mark, or mostly # runs) exceeds max_symbol_to_word_ratio, like NeMo Curator SymbolsToWordsFilter (Gopher).',
  options: symbolsToWordsFilterOptionsSchema,
  create: (options) => {
    const rule = atMost({ measure: 'symbol-to-word ratio', nothingToMeasure: 'no words' }, 'max_symbol_to_word_ratio', options.max_symbol_to_word_ratio);
    return { options, score: (text) => scoreSymbolToWordRatio(text), keep: rule.keep, describe: rule.describe };
  },
});

/**
 * Creates the `heuristic:symbols-to-words` filter without the plugin registry (see
 * {@link symbolsToWordsFilter}).
 *
 * @param options the threshold; omitted, it takes NeMo Curator's default 0.1.
 * @throws InvalidArgumentError when the ratio is not a number from 0 to 1 or an option is unknown.
 */
export function createSymbolsToWordsFilter(
  options?: SymbolsToWordsFilterOptions,
): HeuristicTextFilter<Required<SymbolsToWordsFilterOptions>> {
  return createFilter(symbolsToWordsFilter, options, 'heuristic:symbols-to-words');
}

// --- Internal helpers ---

function scoreSymbolToWordRatio(text: string): number {
  const { words, wordLengths } = analyzeText(text);
  if (words.length === 0) return nothingToMeasureScore;
  let symbolWords = 0;
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    if (ellipsisMarks.has(word) || countHashRuns(word) / wordLengths[index]! > 0.5) symbolWords++;
  }
  return symbolWords / words.length;
}

function countHashRuns(word: string): number {
  let runs = 0;
  for (let index = word.indexOf('#'); index !== -1; index = word.indexOf('#', index + 1)) {
    if (index === 0 || word.charCodeAt(index - 1) !== 0x23) runs++;
  }
  return runs;
}
