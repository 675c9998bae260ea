import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import { z } from 'zod';
import { commentLanguages, extractComments, type CommentLanguage } from './code/extract-comments';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { checkMinimumNotAboveMaximum } from './internal/check-minimum-not-above-maximum';
import { ratioOption } from './internal/option-schemas';
import { nothingToMeasureScore, within } from './internal/threshold-rules';
import { countCodePoints } from './text/count-code-points';

/** Options of `heuristic:general-comment-to-code`, named and defaulted like NeMo Curator's `GeneralCommentToCodeFilter`. */
export interface GeneralCommentToCodeFilterOptions {
  /** The source's language as a MIME type (`text/x-c`, `text/x-java-source`, `application/javascript`, …). Required, as in NeMo. */
  readonly language: CommentLanguage;
  /** Smallest share of comment characters in kept source, from 0 to 1 (inclusive). Default 0.01. */
  readonly min_comment_to_code_ratio?: number;
  /** Largest share of comment characters in kept source, from 0 to 1 (inclusive). Default 0.85. */
  readonly max_comment_to_code_ratio?: number;
}

const generalCommentToCodeFilterOptionsSchema: z.ZodType<Required<GeneralCommentToCodeFilterOptions>, GeneralCommentToCodeFilterOptions> =
  strictOptionsObject({
    language: z
      .enum(commentLanguages, { error: `must be one of ${commentLanguages.join(', ')}` })
      .describe('The language of the source, as a MIME type: text/x-c, text/x-c++, text/x-java-source, application/javascript, text/x-go, text/x-python, text/x-ruby, text/x-shellscript, text/html, text/xml…'),
    min_comment_to_code_ratio: ratioOption(0.01, 'Smallest share of comment characters in kept source, from 0 to 1.'),
    max_comment_to_code_ratio: ratioOption(0.85, 'Largest share of comment characters in kept source, from 0 to 1.'),
  }).check(checkMinimumNotAboveMaximum('min_comment_to_code_ratio', 'max_comment_to_code_ratio'));

/**
 * `heuristic:general-comment-to-code` (code-data cleaning in the style of StarCoder, Li et al.,
 * 2023): keeps source whose comments are between `min_comment_to_code_ratio` and
 * `max_comment_to_code_ratio` of its characters, like NeMo Curator's `GeneralCommentToCodeFilter`.
 *
 * Score: code points of the comment texts without their markers, joined by single spaces / code
 * points of the source (`//` and `/* *\/` for C, C++, Java, JavaScript and Go; `#` for Python, Ruby
 * and shell; `<!-- -->` for HTML and XML; strings skipped). Source whose comments cannot be read (an
 * unterminated string or comment) scores 9999 and is dropped, as NeMo's warning path does; empty
 * source scores −1 and is dropped (NeMo divides by zero). An unknown language is an options error
 * (NeMo scores every record 9999). Keep: `min ≤ score ≤ max`.
 */
export const generalCommentToCodeFilter = defineFilter({
  description:
    'Keeps source (language given as a MIME type) whose share of comment characters is between min_comment_to_code_ratio and max_comment_to_code_ratio, like NeMo Curator GeneralCommentToCodeFilter.',
  options: generalCommentToCodeFilterOptionsSchema,
  create: (options) => {
    const rule = within(
      { measure: 'comment-to-code ratio', nothingToMeasure: 'empty source' },
      'min_comment_to_code_ratio',
      options.min_comment_to_code_ratio,
      'max_comment_to_code_ratio',
      options.max_comment_to_code_ratio,
    );
    return {
      options,
      score: (text) => scoreCommentRatio(text, options.language),
      keep: rule.keep,
      describe: (score: number) => (score === unreadableScore ? `comments could not be read as ${options.language}` : rule.describe(score)),
    };
  },
});

/**
 * Creates the `heuristic:general-comment-to-code` filter without the plugin registry (see
 * {@link generalCommentToCodeFilter}).
 *
 * @throws InvalidArgumentError when `language` is missing or unknown, a ratio is outside 0 to 1, or an option is unknown.
 */
export function createGeneralCommentToCodeFilter(
  options: GeneralCommentToCodeFilterOptions,
): HeuristicTextFilter<Required<GeneralCommentToCodeFilterOptions>> {
  return createFilter(generalCommentToCodeFilter, options, 'heuristic:general-comment-to-code');
}

// --- Internal helpers ---

/** NeMo's score for source its comment parser cannot read. */
const unreadableScore = 9999;

function scoreCommentRatio(source: string, language: CommentLanguage): number {
  const length = countCodePoints(source);
  if (length === 0) return nothingToMeasureScore;
  const comments = extractComments(source, language);
  if (comments === undefined) return unreadableScore;
  if (comments.length === 0) return 0;
  return (comments.reduce((total, comment) => total + countCodePoints(comment), 0) + comments.length - 1) / length;
}
