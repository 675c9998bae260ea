import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import type { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { ngramSizeOption, ratioOption } from './internal/option-schemas';
import { atMost } from './internal/threshold-rules';
import { analyzeText } from './text/analyze-text';

/** Options of `heuristic:repeating-duplicate-ngrams`, named and defaulted like NeMo Curator's `RepeatingDuplicateNGramsFilter`. */
export interface RepeatingDuplicateNgramsFilterOptions {
  /** Words per n-gram. Default 2, NeMo's; its English chain runs n = 5 to 10 (0.15 down to 0.10). */
  readonly n?: number;
  /**
   * Largest share of the text's characters inside repeated n-grams, from 0 to 1 (inclusive).
   * Default 0.2, from Gopher (Rae et al., 2021), whose thresholds are 0.15 to 0.10 for n = 5 to 10.
   */
  readonly max_repeating_duplicate_ngram_ratio?: number;
}

const repeatingDuplicateNgramsFilterOptionsSchema: z.ZodType<
  Required<RepeatingDuplicateNgramsFilterOptions>,
  RepeatingDuplicateNgramsFilterOptions | undefined
> = strictOptionsObject({
  n: ngramSizeOption(2),
  max_repeating_duplicate_ngram_ratio: ratioOption(0.2, "Largest share of the text's characters inside repeated n-grams, from 0 to 1."),
}).prefault({});

/**
 * `heuristic:repeating-duplicate-ngrams` (Gopher, Rae et al., 2021): drops texts where repeated word
 * n-grams cover more than `max_repeating_duplicate_ngram_ratio` of the characters, like NeMo
 * Curator's `RepeatingDuplicateNGramsFilter`.
 *
 * Score: walk the n-grams of words in order. At an n-gram seen before, add the code points of its
 * words that an overlapping earlier duplicate did not already count, plus the spaces between them
 * (`min(n − overlap, n − 1)`), then mark the next n − 1 words as counted. Score = those characters /
 * the text's code points. A text with fewer than n words scores 1, NeMo's choice, so it is dropped
 * unless the threshold is 1. Keep: `score ≤ max_repeating_duplicate_ngram_ratio`.
 */
export const repeatingDuplicateNgramsFilter = defineFilter({
  description:
    'Drops texts whose repeated word n-grams cover more than max_repeating_duplicate_ngram_ratio of the characters, like NeMo Curator RepeatingDuplicateNGramsFilter (Gopher).',
  options: repeatingDuplicateNgramsFilterOptionsSchema,
  create: (options) => {
    const rule = atMost(
      { measure: `duplicate ${options.n}-gram character ratio` },
      'max_repeating_duplicate_ngram_ratio',
      options.max_repeating_duplicate_ngram_ratio,
    );
    return { options, score: (text) => scoreDuplicateNgramRatio(text, options.n), keep: rule.keep, describe: rule.describe };
  },
});

/**
 * Creates the `heuristic:repeating-duplicate-ngrams` filter without the plugin registry (see
 * {@link repeatingDuplicateNgramsFilter}).
 *
 * @param options n and the threshold; omitted, they take NeMo Curator's defaults (2, 0.2).
 * @throws InvalidArgumentError when an option is out of range or unknown.
 */
export function createRepeatingDuplicateNgramsFilter(
  options?: RepeatingDuplicateNgramsFilterOptions,
): HeuristicTextFilter<Required<RepeatingDuplicateNgramsFilterOptions>> {
  return createFilter(repeatingDuplicateNgramsFilter, options, 'heuristic:repeating-duplicate-ngrams');
}

// --- Internal helpers ---

function scoreDuplicateNgramRatio(text: string, n: number): number {
  const analysis = analyzeText(text);
  if (analysis.wordCount < n) return 1;
  const ids = analysis.ngramIds(n);
  const wordLengths = analysis.wordLengths;
  // Ids are numbered in order of first appearance, so an n-gram is new exactly when its id is the
  // number of distinct n-grams met so far: no counts needed.
  let distinctSoFar = 0;
  let duplicatedCharacters = 0;
  // How many words at the start of the current n-gram an earlier duplicate already counted.
  let overlap = 0;
  for (let start = 0; start < ids.length; start++) {
    if (ids[start] === distinctSoFar) {
      distinctSoFar++;
    } else {
      for (let word = start + overlap; word < start + n; word++) duplicatedCharacters += wordLengths[word]!;
      duplicatedCharacters += Math.min(n - overlap, n - 1);
      overlap = n;
    }
    overlap = Math.max(overlap - 1, 0);
  }
  return duplicatedCharacters / analysis.length;
}
