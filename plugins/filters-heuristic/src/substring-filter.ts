import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';

/** Options of `heuristic:substring`, named like NeMo Curator's `SubstringFilter` (both required, as there). */
export interface SubstringFilterOptions {
  /** The text to look for, matched exactly (case-sensitive). */
  readonly substring: string;
  /** Where: `prefix` (the text starts with it), `suffix` (ends with it) or `any` (anywhere). */
  readonly position: 'prefix' | 'suffix' | 'any';
}

const substringFilterOptionsSchema: z.ZodType<SubstringFilterOptions, SubstringFilterOptions> = strictOptionsObject({
  substring: z.string({ error: 'must be the text to look for, e.g. "Answer:"' }).describe('The text to look for, matched exactly.'),
  position: z
    .enum(['prefix', 'suffix', 'any'], { error: 'must be one of prefix, suffix, any' })
    .describe('Where the substring must be: prefix, suffix or any.'),
});

/**
 * `heuristic:substring`: keeps texts that contain `substring` at `position`, like NeMo Curator's
 * `SubstringFilter` (a helper of its synthetic-data pipelines, no paper).
 *
 * Score: 1 when the text starts with (`prefix`), ends with (`suffix`) or contains (`any`) the
 * substring, else 0; the text is not stripped. Keep: `score = 1`. An unknown position is an options
 * error, as NeMo's `ValueError`.
 */
export const substringFilter = defineFilter({
  description: 'Keeps texts that start with, end with or contain (position: prefix, suffix, any) a substring, like NeMo Curator SubstringFilter.',
  options: substringFilterOptionsSchema,
  create: (options) => {
    const { substring, position } = options;
    const where = { prefix: 'start with', suffix: 'end with', any: 'contain' }[position];
    return {
      options,
      score: (text) => (matches(text, substring, position) ? 1 : 0),
      keep: (score) => score === 1,
      describe: (score) => `${score === 1 ? 'does' : 'does not'} ${where} ${JSON.stringify(substring)} (position ${position})`,
    };
  },
});

/**
 * Creates the `heuristic:substring` filter without the plugin registry (see {@link substringFilter}).
 *
 * @throws InvalidArgumentError when `substring` or `position` is missing or invalid, or an option is unknown.
 */
export function createSubstringFilter(options: SubstringFilterOptions): HeuristicTextFilter<SubstringFilterOptions> {
  return createFilter(substringFilter, options, 'heuristic:substring');
}

// --- Internal helpers ---

function matches(text: string, substring: string, position: SubstringFilterOptions['position']): boolean {
  if (position === 'prefix') return text.startsWith(substring);
  if (position === 'suffix') return text.endsWith(substring);
  return text.includes(substring);
}
