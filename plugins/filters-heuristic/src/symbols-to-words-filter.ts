import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import type { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { ratioOption } from './internal/option-schemas';
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
  const analysis = analyzeText(text);
  if (analysis.wordCount === 0) return nothingToMeasureScore;
  // Each distinct word is tested once, on its code units in the text: no string per word.
  return analysis.countWordsWhere(isSymbolWord) / analysis.wordCount;
}

/** An ellipsis mark, or a word whose runs of `#` outnumber half its code points. */
function isSymbolWord(text: string, start: number, end: number, length: number): boolean {
  return isEllipsisMark(text, start, end) || countHashRuns(text, start, end) / length > 0.5;
}

const ellipsisMarkList = [...ellipsisMarks];

function isEllipsisMark(text: string, start: number, end: number): boolean {
  for (const mark of ellipsisMarkList) if (mark.length === end - start && text.startsWith(mark, start)) return true;
  return false;
}

function countHashRuns(text: string, start: number, end: number): number {
  let runs = 0;
  for (let index = start; index < end; index++) {
    if (text.charCodeAt(index) === 0x23 && (index === start || text.charCodeAt(index - 1) !== 0x23)) runs++;
  }
  return runs;
}
