import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import type { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { ratioOption } from './internal/option-schemas';
import { atMost, nothingToMeasureScore } from './internal/threshold-rules';
import { analyzeText } from './text/analyze-text';
import { ellipsisMarks } from './text/ellipsis-marks';
import { isPythonWhitespace } from './text/is-python-whitespace';
import { stripPythonWhitespace } from './text/strip-python-whitespace';

/** Options of `heuristic:ellipsis`, named and defaulted like NeMo Curator's `EllipsisFilter`. */
export interface EllipsisFilterOptions {
  /**
   * Largest share of lines ending with an ellipsis in a kept text, from 0 to 1 (inclusive). Default
   * 0.3, from C4 (Raffel et al., 2020): teasers and truncated snippets.
   */
  readonly max_num_lines_ending_with_ellipsis_ratio?: number;
}

const ellipsisFilterOptionsSchema: z.ZodType<Required<EllipsisFilterOptions>, EllipsisFilterOptions | undefined> = strictOptionsObject({
  max_num_lines_ending_with_ellipsis_ratio: ratioOption(0.3, 'Largest share of lines ending with an ellipsis (..., …, [...], read more…) in a kept text, from 0 to 1.'),
}).prefault({});

/**
 * `heuristic:ellipsis` (C4, Raffel et al., 2020): drops texts where more than
 * `max_num_lines_ending_with_ellipsis_ratio` of the lines end with an ellipsis, like NeMo Curator's
 * `EllipsisFilter`.
 *
 * Score: non-blank lines whose stripped, lower-cased form ends with `...`, `[...]`, `…`, `(...)`,
 * `[…]`, `-»`, `read more..` or `read more` / non-blank lines. Keep:
 * `score ≤ max_num_lines_ending_with_ellipsis_ratio`. Text without lines scores −1 and is dropped
 * (NeMo divides by zero).
 */
export const ellipsisFilter = defineFilter({
  description:
    'Drops texts whose share of lines ending with an ellipsis (..., …, [...], read more) exceeds max_num_lines_ending_with_ellipsis_ratio, like NeMo Curator EllipsisFilter (C4).',
  options: ellipsisFilterOptionsSchema,
  create: (options) => {
    const rule = atMost(
      { measure: 'share of lines ending with an ellipsis', nothingToMeasure: 'no non-blank lines' },
      'max_num_lines_ending_with_ellipsis_ratio',
      options.max_num_lines_ending_with_ellipsis_ratio,
    );
    return { options, score: (text) => scoreLinesEndingWithEllipsis(text), keep: rule.keep, describe: rule.describe };
  },
});

/**
 * Creates the `heuristic:ellipsis` filter without the plugin registry (see {@link ellipsisFilter}).
 *
 * @param options the threshold; omitted, it takes NeMo Curator's default 0.3.
 * @throws InvalidArgumentError when the ratio is not a number from 0 to 1 or an option is unknown.
 */
export function createEllipsisFilter(options?: EllipsisFilterOptions): HeuristicTextFilter<Required<EllipsisFilterOptions>> {
  return createFilter(ellipsisFilter, options, 'heuristic:ellipsis');
}

// --- Internal helpers ---

const marks = [...ellipsisMarks];

function scoreLinesEndingWithEllipsis(text: string): number {
  const { lines } = analyzeText(text);
  if (lines.length === 0) return nothingToMeasureScore;
  let ending = 0;
  for (const line of lines) {
    const last = lastNonWhitespace(line);
    // Every mark ends with ".", "…", "]", ")", "»" or "e": skip the lowercasing for other lines.
    if (!mayEndAnEllipsis(last)) continue;
    // Python's lower() and JavaScript's toLowerCase() agree except for a few characters that never
    // end these marks, so the endings compare the same.
    const stripped = stripPythonWhitespace(line).toLowerCase();
    if (marks.some((mark) => stripped.endsWith(mark))) ending++;
  }
  return ending / lines.length;
}

function lastNonWhitespace(line: string): number {
  let index = line.length - 1;
  while (index >= 0 && isPythonWhitespace(line.charCodeAt(index))) index--;
  return line.charCodeAt(index);
}

function mayEndAnEllipsis(codeUnit: number): boolean {
  return codeUnit === 0x2e || codeUnit === 0x2026 || codeUnit === 0x5d || codeUnit === 0x29 || codeUnit === 0xbb || codeUnit === 0x65 || codeUnit === 0x45;
}
