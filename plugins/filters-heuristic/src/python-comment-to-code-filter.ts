import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import type { z } from 'zod';
import { measurePythonComments } from './code/measure-python-comments';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { checkMinimumNotAboveMaximum } from './internal/check-minimum-not-above-maximum';
import { ratioOption } from './internal/option-schemas';
import { within } from './internal/threshold-rules';
import { countCodePoints } from './text/count-code-points';

/** Options of `heuristic:python-comment-to-code`, named and defaulted like NeMo Curator's `PythonCommentToCodeFilter`. */
export interface PythonCommentToCodeFilterOptions {
  /** Smallest share of comment and docstring characters in kept source, from 0 to 1 (inclusive). Default 0.01. */
  readonly min_comment_to_code_ratio?: number;
  /** Largest share of comment and docstring characters in kept source, from 0 to 1 (inclusive). Default 0.85. */
  readonly max_comment_to_code_ratio?: number;
}

const pythonCommentToCodeFilterOptionsSchema: z.ZodType<
  Required<PythonCommentToCodeFilterOptions>,
  PythonCommentToCodeFilterOptions | undefined
> = strictOptionsObject({
  min_comment_to_code_ratio: ratioOption(0.01, 'Smallest share of comment and docstring characters in kept Python source, from 0 to 1.'),
  max_comment_to_code_ratio: ratioOption(0.85, 'Largest share of comment and docstring characters in kept Python source, from 0 to 1.'),
})
  .check(checkMinimumNotAboveMaximum('min_comment_to_code_ratio', 'max_comment_to_code_ratio'))
  .prefault({});

/**
 * `heuristic:python-comment-to-code` (code-data cleaning in the style of StarCoder, Li et al., 2023):
 * keeps Python source whose comments and docstrings are between `min_comment_to_code_ratio` and
 * `max_comment_to_code_ratio` of its characters, like NeMo Curator's `PythonCommentToCodeFilter`.
 *
 * Score: (code points of the `#` comments + code points of the cleaned docstrings of the module,
 * classes and functions, joined by newlines) / code points of the source. Source that cannot be
 * tokenized (an unterminated string, unbalanced brackets) scores 0, as NeMo's does when Python
 * cannot parse it; other syntax errors are not detected (a lexer, not Python's parser). Empty source
 * scores 0 (NeMo divides by zero). Keep: `min ≤ score ≤ max`.
 */
export const pythonCommentToCodeFilter = defineFilter({
  description:
    'Keeps Python source whose share of comment and docstring characters is between min_comment_to_code_ratio and max_comment_to_code_ratio, like NeMo Curator PythonCommentToCodeFilter.',
  options: pythonCommentToCodeFilterOptionsSchema,
  create: (options) => {
    const rule = within(
      { measure: 'comment-to-code ratio' },
      'min_comment_to_code_ratio',
      options.min_comment_to_code_ratio,
      'max_comment_to_code_ratio',
      options.max_comment_to_code_ratio,
    );
    return { options, score: (text) => scorePythonCommentRatio(text), keep: rule.keep, describe: rule.describe };
  },
});

/**
 * Creates the `heuristic:python-comment-to-code` filter without the plugin registry (see
 * {@link pythonCommentToCodeFilter}).
 *
 * @throws InvalidArgumentError when a ratio is outside 0 to 1, the minimum exceeds the maximum, or an option is unknown.
 */
export function createPythonCommentToCodeFilter(
  options?: PythonCommentToCodeFilterOptions,
): HeuristicTextFilter<Required<PythonCommentToCodeFilterOptions>> {
  return createFilter(pythonCommentToCodeFilter, options, 'heuristic:python-comment-to-code');
}

// --- Internal helpers ---

function scorePythonCommentRatio(source: string): number {
  const length = countCodePoints(source);
  const measured = length === 0 ? undefined : measurePythonComments(source);
  if (measured === undefined) return 0;
  return (measured.commentLength + measured.docstringLength) / length;
}
