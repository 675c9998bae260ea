import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import type { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { ratioOption } from './internal/option-schemas';
import { atMost } from './internal/threshold-rules';
import { analyzeText } from './text/analyze-text';

/** Options of `heuristic:numbers`, named and defaulted like NeMo Curator's `NumbersFilter`. */
export interface NumbersFilterOptions {
  /**
   * Largest share of ASCII digits among the characters (code points) of a kept text, from 0 to 1
   * (inclusive). Default 0.15, NeMo's: tables, logs and lists of numbers.
   */
  readonly max_number_to_text_ratio?: number;
}

const numbersFilterOptionsSchema: z.ZodType<Required<NumbersFilterOptions>, NumbersFilterOptions | undefined> = strictOptionsObject({
  max_number_to_text_ratio: ratioOption(0.15, 'Largest share of digits in a kept text, from 0 to 1.'),
}).prefault({});

/**
 * `heuristic:numbers` (NeMo Curator's own rule, no paper): drops texts whose digit ratio is above `max_number_to_text_ratio`, like
 * NeMo Curator's `NumbersFilter`.
 *
 * Score: ASCII digits `0-9` / length, in code points. NeMo matches `[[:digit:]]` with the Python
 * `regex` module, whose POSIX `digit` class is ASCII only: Arabic-Indic or Devanagari digits do not
 * count (checked with regex 2026.5.9). Empty text scores 1 (NeMo's choice: dropped unless the threshold is 1).
 * Keep: `score ≤ max_number_to_text_ratio`.
 */
export const numbersFilter = defineFilter({
  description: 'Drops texts whose share of ASCII digits exceeds max_number_to_text_ratio, like NeMo Curator NumbersFilter.',
  options: numbersFilterOptionsSchema,
  create: (options) => {
    const rule = atMost({ measure: 'digit ratio' }, 'max_number_to_text_ratio', options.max_number_to_text_ratio);
    return { options, score: (text) => scoreDigitRatio(text), keep: rule.keep, describe: rule.describe };
  },
});

/**
 * Creates the `heuristic:numbers` filter without the plugin registry (see {@link numbersFilter}).
 *
 * @param options the threshold; omitted, it takes NeMo Curator's default 0.15.
 * @throws InvalidArgumentError when the ratio is not a number from 0 to 1 or an option is unknown.
 */
export function createNumbersFilter(options?: NumbersFilterOptions): HeuristicTextFilter<Required<NumbersFilterOptions>> {
  return createFilter(numbersFilter, options, 'heuristic:numbers');
}

// --- Internal helpers ---

function scoreDigitRatio(text: string): number {
  const analysis = analyzeText(text);
  return analysis.length === 0 ? 1 : analysis.characterCounts.digits / analysis.length;
}
