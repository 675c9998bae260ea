import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import type { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { ratioOption } from './internal/option-schemas';
import { atMost } from './internal/threshold-rules';
import { analyzeText } from './text/analyze-text';

/** Options of `heuristic:parentheses`, named and defaulted like NeMo Curator's `ParenthesesFilter`. */
export interface ParenthesesFilterOptions {
  /**
   * Largest share of brackets (`( ) [ ] { } ⟨ ⟩`) among the characters of a kept text, from 0 to 1
   * (inclusive). Default 0.1, NeMo's: code, markup and citation debris.
   */
  readonly max_parentheses_ratio?: number;
}

const parenthesesFilterOptionsSchema: z.ZodType<Required<ParenthesesFilterOptions>, ParenthesesFilterOptions | undefined> = strictOptionsObject({
  max_parentheses_ratio: ratioOption(0.1, 'Largest share of brackets ( ) [ ] { } ⟨ ⟩ in a kept text, from 0 to 1.'),
}).prefault({});

/**
 * `heuristic:parentheses` (NeMo Curator's own rule, no paper): drops texts whose parenthesis ratio is above `max_parentheses_ratio`, like
 * NeMo Curator's `ParenthesesFilter`.
 *
 * Score: characters among `( ) [ ] { } ⟨ ⟩` (U+27E8, U+27E9) / length, in code points. Empty text
 * scores 1. Keep: `score ≤ max_parentheses_ratio`.
 */
export const parenthesesFilter = defineFilter({
  description: 'Drops texts whose share of brackets ( ) [ ] { } ⟨ ⟩ exceeds max_parentheses_ratio, like NeMo Curator ParenthesesFilter.',
  options: parenthesesFilterOptionsSchema,
  create: (options) => {
    const rule = atMost({ measure: 'parenthesis ratio' }, 'max_parentheses_ratio', options.max_parentheses_ratio);
    return { options, score: (text) => scoreParenthesisRatio(text), keep: rule.keep, describe: rule.describe };
  },
});

/**
 * Creates the `heuristic:parentheses` filter without the plugin registry (see {@link parenthesesFilter}).
 *
 * @param options the threshold; omitted, it takes NeMo Curator's default 0.1.
 * @throws InvalidArgumentError when the ratio is not a number from 0 to 1 or an option is unknown.
 */
export function createParenthesesFilter(options?: ParenthesesFilterOptions): HeuristicTextFilter<Required<ParenthesesFilterOptions>> {
  return createFilter(parenthesesFilter, options, 'heuristic:parentheses');
}

// --- Internal helpers ---

function scoreParenthesisRatio(text: string): number {
  const analysis = analyzeText(text);
  return analysis.length === 0 ? 1 : analysis.characterCounts.brackets / analysis.length;
}
