import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import type { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { ratioOption } from './internal/option-schemas';
import { atMost } from './internal/threshold-rules';
import { analyzeText } from './text/analyze-text';

/** Options of `heuristic:whitespace`, named and defaulted like NeMo Curator's `WhiteSpaceFilter`. */
export interface WhitespaceFilterOptions {
  /**
   * Largest share of whitespace characters (tab, newline, carriage return, backspace, space) in a
   * kept text, from 0 to 1 (inclusive). Default 0.25, NeMo's: layout debris, tables of spaces.
   */
  readonly max_white_space_ratio?: number;
}

const whitespaceFilterOptionsSchema: z.ZodType<Required<WhitespaceFilterOptions>, WhitespaceFilterOptions | undefined> = strictOptionsObject({
  max_white_space_ratio: ratioOption(0.25, 'Largest share of whitespace characters (tab, newline, carriage return, backspace, space) in a kept text, from 0 to 1.'),
}).prefault({});

/**
 * `heuristic:whitespace` (NeMo Curator's own rule, no paper): drops texts whose whitespace ratio is above `max_white_space_ratio`, like
 * NeMo Curator's `WhiteSpaceFilter`.
 *
 * Score: characters that are tab, `\n`, `\r`, backspace U+0008 or space / length, in code points,
 * leading and trailing whitespace included. Other Unicode spaces (no-break, ideographic…) do not
 * count, as in NeMo. Empty text scores 1. Keep: `score ≤ max_white_space_ratio`.
 */
export const whitespaceFilter = defineFilter({
  description: 'Drops texts whose share of whitespace characters (tab, newline, carriage return, backspace, space) exceeds max_white_space_ratio, like NeMo Curator WhiteSpaceFilter.',
  options: whitespaceFilterOptionsSchema,
  create: (options) => {
    const rule = atMost({ measure: 'whitespace ratio' }, 'max_white_space_ratio', options.max_white_space_ratio);
    return { options, score: (text) => scoreWhitespaceRatio(text), keep: rule.keep, describe: rule.describe };
  },
});

/**
 * Creates the `heuristic:whitespace` filter without the plugin registry (see {@link whitespaceFilter}).
 *
 * @param options the threshold; omitted, it takes NeMo Curator's default 0.25.
 * @throws InvalidArgumentError when the ratio is not a number from 0 to 1 or an option is unknown.
 */
export function createWhitespaceFilter(options?: WhitespaceFilterOptions): HeuristicTextFilter<Required<WhitespaceFilterOptions>> {
  return createFilter(whitespaceFilter, options, 'heuristic:whitespace');
}

// --- Internal helpers ---

function scoreWhitespaceRatio(text: string): number {
  // Space, tab, \n, \r and backspace: NeMo's list, leading and trailing ones included.
  const analysis = analyzeText(text);
  return analysis.length === 0 ? 1 : analysis.characterCounts.whitespace / analysis.length;
}
