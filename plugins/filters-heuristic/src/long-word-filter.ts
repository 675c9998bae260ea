import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import type { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { countOption } from './internal/option-schemas';
import { atMost, nothingToMeasureScore } from './internal/threshold-rules';
import { analyzeText } from './text/analyze-text';

/** Options of `heuristic:long-word`, named and defaulted like NeMo Curator's `LongWordFilter`. */
export interface LongWordFilterOptions {
  /**
   * Longest word of a kept text, in code points (inclusive). Default 1000, from C4 (Raffel et al.,
   * 2020): minified JavaScript, base64 and other text without spaces.
   */
  readonly max_word_length?: number;
}

const longWordFilterOptionsSchema: z.ZodType<Required<LongWordFilterOptions>, LongWordFilterOptions | undefined> = strictOptionsObject({
  max_word_length: countOption(1000, 'Longest word of a kept text, in code points (inclusive).', 'characters'),
}).prefault({});

/**
 * `heuristic:long-word` (C4, Raffel et al., 2020): drops texts with a word longer than
 * `max_word_length`, like NeMo Curator's `LongWordFilter`.
 *
 * Score: the length of the longest word, in code points (words as Python's `text.split()`).
 * Keep: `score ≤ max_word_length`. Text without words scores −1 and is dropped (NeMo raises).
 */
export const longWordFilter = defineFilter({
  description: 'Drops texts with a word longer than max_word_length code points, like NeMo Curator LongWordFilter (C4).',
  options: longWordFilterOptionsSchema,
  create: (options) => {
    const rule = atMost({ measure: 'longest word', nothingToMeasure: 'no words' }, 'max_word_length', options.max_word_length);
    return { options, score: (text) => scoreLongestWord(text), keep: rule.keep, describe: rule.describe };
  },
});

/**
 * Creates the `heuristic:long-word` filter without the plugin registry (see {@link longWordFilter}).
 *
 * @param options the threshold; omitted, it takes NeMo Curator's default 1000.
 * @throws InvalidArgumentError when the length is not a whole number ≥ 0 or an option is unknown.
 */
export function createLongWordFilter(options?: LongWordFilterOptions): HeuristicTextFilter<Required<LongWordFilterOptions>> {
  return createFilter(longWordFilter, options, 'heuristic:long-word');
}

// --- Internal helpers ---

function scoreLongestWord(text: string): number {
  const { wordLengths } = analyzeText(text);
  if (wordLengths.length === 0) return nothingToMeasureScore;
  let longest = 0;
  for (const length of wordLengths) if (length > longest) longest = length;
  return longest;
}
