import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import type { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { checkMinimumNotAboveMaximum } from './internal/check-minimum-not-above-maximum';
import { countOption } from './internal/option-schemas';
import { within } from './internal/threshold-rules';

/** Options of `heuristic:number-of-lines-of-code`, named and defaulted like NeMo Curator's `NumberOfLinesOfCodeFilter`. */
export interface NumberOfLinesOfCodeFilterOptions {
  /** Fewest lines of kept source (inclusive). Default 10, NeMo's: snippets too short to learn from. */
  readonly min_lines?: number;
  /** Most lines of kept source (inclusive). Default 20000, NeMo's: generated or data files. */
  readonly max_lines?: number;
}

const numberOfLinesOfCodeFilterOptionsSchema: z.ZodType<
  Required<NumberOfLinesOfCodeFilterOptions>,
  NumberOfLinesOfCodeFilterOptions | undefined
> = strictOptionsObject({
  min_lines: countOption(10, 'Fewest lines of kept source (inclusive).', 'lines'),
  max_lines: countOption(20000, 'Most lines of kept source (inclusive).', 'lines'),
})
  .check(checkMinimumNotAboveMaximum('min_lines', 'max_lines'))
  .prefault({});

/**
 * `heuristic:number-of-lines-of-code` (code-data cleaning, NeMo Curator's own thresholds): keeps
 * source with `min_lines` to `max_lines` lines, like NeMo Curator's `NumberOfLinesOfCodeFilter`.
 *
 * Score: the number of `\n` plus 1 (blank lines and a trailing newline count; empty source is one
 * line). Keep: `min_lines ≤ score ≤ max_lines`.
 */
export const numberOfLinesOfCodeFilter = defineFilter({
  description: 'Keeps source with min_lines to max_lines lines (newlines + 1), like NeMo Curator NumberOfLinesOfCodeFilter.',
  options: numberOfLinesOfCodeFilterOptionsSchema,
  create: (options) => {
    const rule = within({ measure: 'lines' }, 'min_lines', options.min_lines, 'max_lines', options.max_lines);
    return { options, score: (text) => countLines(text), keep: rule.keep, describe: rule.describe };
  },
});

/**
 * Creates the `heuristic:number-of-lines-of-code` filter without the plugin registry (see
 * {@link numberOfLinesOfCodeFilter}).
 *
 * @throws InvalidArgumentError when a count is not a whole number ≥ 0, the minimum exceeds the maximum, or an option is unknown.
 */
export function createNumberOfLinesOfCodeFilter(
  options?: NumberOfLinesOfCodeFilterOptions,
): HeuristicTextFilter<Required<NumberOfLinesOfCodeFilterOptions>> {
  return createFilter(numberOfLinesOfCodeFilter, options, 'heuristic:number-of-lines-of-code');
}

// --- Internal helpers ---

function countLines(source: string): number {
  let lines = 1;
  for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) lines++;
  return lines;
}
