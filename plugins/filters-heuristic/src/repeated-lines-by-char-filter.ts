import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import type { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { ratioOption } from './internal/option-schemas';
import { atLeast, nothingToMeasureScore } from './internal/threshold-rules';
import { analyzeText } from './text/analyze-text';
import type { Repetition } from './text/measure-repetition';

/** Options of `heuristic:repeated-lines-by-char`, named and defaulted like NeMo Curator's `RepeatedLinesByCharFilter`. */
export interface RepeatedLinesByCharFilterOptions {
  /**
   * Smallest share of characters in distinct lines in a kept text, from 0 to 1 (inclusive). Default
   * 0.8, from Gopher (Rae et al., 2021). Despite the `max_` in its name (NeMo's), it is a MINIMUM.
   */
  readonly max_repeated_lines_char_ratio?: number;
}

const repeatedLinesByCharFilterOptionsSchema: z.ZodType<
  Required<RepeatedLinesByCharFilterOptions>,
  RepeatedLinesByCharFilterOptions | undefined
> = strictOptionsObject({
  max_repeated_lines_char_ratio: ratioOption(0.8, 'Smallest share of characters in distinct lines in a kept text, from 0 to 1 (a minimum, despite the name).'),
}).prefault({});

/**
 * `heuristic:repeated-lines-by-char` (Gopher, Rae et al., 2021): drops texts whose distinct lines
 * hold less than `max_repeated_lines_char_ratio` of the lines' characters, like NeMo Curator's `RepeatedLinesByCharFilter`.
 *
 * Score: code points of the distinct non-blank lines (split on `\n`, unstripped) / code points of all of them (the separators not
 * counted). Keep: `score ≥ max_repeated_lines_char_ratio`. Text without non-blank lines scores −1 and is dropped (NeMo divides by zero).
 */
export const repeatedLinesByCharFilter = defineFilter({
  description:
    'Drops texts whose distinct lines hold less than max_repeated_lines_char_ratio of the characters of all lines (a minimum, named as in NeMo Curator RepeatedLinesByCharFilter).',
  options: repeatedLinesByCharFilterOptionsSchema,
  create: (options) => {
    const rule = atLeast({ measure: 'distinct line character fraction', nothingToMeasure: 'no non-blank lines' }, 'max_repeated_lines_char_ratio', options.max_repeated_lines_char_ratio);
    return {
      options,
      score: (text) => distinctCharacterFraction(analyzeText(text).lineRepetition),
      keep: rule.keep,
      describe: rule.describe,
    };
  },
});

/**
 * Creates the `heuristic:repeated-lines-by-char` filter without the plugin registry (see
 * {@link repeatedLinesByCharFilter}).
 *
 * @param options the threshold; omitted, it takes NeMo Curator's default 0.8.
 * @throws InvalidArgumentError when the ratio is not a number from 0 to 1 or an option is unknown.
 */
export function createRepeatedLinesByCharFilter(
  options?: RepeatedLinesByCharFilterOptions,
): HeuristicTextFilter<Required<RepeatedLinesByCharFilterOptions>> {
  return createFilter(repeatedLinesByCharFilter, options, 'heuristic:repeated-lines-by-char');
}

// --- Internal helpers ---

/** NeMo's `len("".join(set(pieces))) / len("".join(pieces))`; no characters at all score −1. */
function distinctCharacterFraction({ characters, distinctCharacters }: Repetition): number {
  return characters === 0 ? nothingToMeasureScore : distinctCharacters / characters;
}
