import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import type { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { ratioOption } from './internal/option-schemas';
import { atLeast, nothingToMeasureScore } from './internal/threshold-rules';
import { analyzeText } from './text/analyze-text';
import type { Repetition } from './text/measure-repetition';

/** Options of `heuristic:repeated-paragraphs-by-char`, named and defaulted like NeMo Curator's `RepeatedParagraphsByCharFilter`. */
export interface RepeatedParagraphsByCharFilterOptions {
  /**
   * Smallest share of characters in distinct paragraphs in a kept text, from 0 to 1 (inclusive). Default
   * 0.8, from Gopher (Rae et al., 2021). Despite the `max_` in its name (NeMo's), it is a MINIMUM.
   */
  readonly max_repeated_paragraphs_char_ratio?: number;
}

const repeatedParagraphsByCharFilterOptionsSchema: z.ZodType<
  Required<RepeatedParagraphsByCharFilterOptions>,
  RepeatedParagraphsByCharFilterOptions | undefined
> = strictOptionsObject({
  max_repeated_paragraphs_char_ratio: ratioOption(0.8, 'Smallest share of characters in distinct paragraphs in a kept text, from 0 to 1 (a minimum, despite the name).'),
}).prefault({});

/**
 * `heuristic:repeated-paragraphs-by-char` (Gopher, Rae et al., 2021): drops texts whose distinct paragraphs
 * hold less than `max_repeated_paragraphs_char_ratio` of the paragraphs' characters, like NeMo Curator's `RepeatedParagraphsByCharFilter`.
 *
 * Score: code points of the distinct paragraphs (split on `\n\n`) / code points of all of them (the separators not
 * counted). Keep: `score ≥ max_repeated_paragraphs_char_ratio`. A text whose paragraphs hold no characters (empty, or only `\n\n`) scores −1 and is dropped (NeMo divides by zero).
 */
export const repeatedParagraphsByCharFilter = defineFilter({
  description:
    'Drops texts whose distinct paragraphs hold less than max_repeated_paragraphs_char_ratio of the characters of all paragraphs (a minimum, named as in NeMo Curator RepeatedParagraphsByCharFilter).',
  options: repeatedParagraphsByCharFilterOptionsSchema,
  create: (options) => {
    const rule = atLeast({ measure: 'distinct paragraph character fraction', nothingToMeasure: 'no characters in any paragraph' }, 'max_repeated_paragraphs_char_ratio', options.max_repeated_paragraphs_char_ratio);
    return {
      options,
      score: (text) => distinctCharacterFraction(analyzeText(text).paragraphRepetition),
      keep: rule.keep,
      describe: rule.describe,
    };
  },
});

/**
 * Creates the `heuristic:repeated-paragraphs-by-char` filter without the plugin registry (see
 * {@link repeatedParagraphsByCharFilter}).
 *
 * @param options the threshold; omitted, it takes NeMo Curator's default 0.8.
 * @throws InvalidArgumentError when the ratio is not a number from 0 to 1 or an option is unknown.
 */
export function createRepeatedParagraphsByCharFilter(
  options?: RepeatedParagraphsByCharFilterOptions,
): HeuristicTextFilter<Required<RepeatedParagraphsByCharFilterOptions>> {
  return createFilter(repeatedParagraphsByCharFilter, options, 'heuristic:repeated-paragraphs-by-char');
}

// --- Internal helpers ---

/** NeMo's `len("".join(set(pieces))) / len("".join(pieces))`; no characters at all score −1. */
function distinctCharacterFraction({ characters, distinctCharacters }: Repetition): number {
  return characters === 0 ? nothingToMeasureScore : distinctCharacters / characters;
}
