import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import type { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { ngramSizeOption, ratioOption } from './internal/option-schemas';
import { atMost } from './internal/threshold-rules';
import { analyzeText } from './text/analyze-text';
import { countCodePoints } from './text/count-code-points';

/** Options of `heuristic:repeating-top-ngrams`, named and defaulted like NeMo Curator's `RepeatingTopNGramsFilter`. */
export interface RepeatingTopNgramsFilterOptions {
  /** Words per n-gram. Default 2, NeMo's; its English chain also runs n = 3 (0.18) and n = 4 (0.16). */
  readonly n?: number;
  /**
   * Largest share of the text's characters taken by its most frequent n-gram, from 0 to 1
   * (inclusive). Default 0.2, from Gopher (Rae et al., 2021), whose thresholds are 0.2, 0.18 and
   * 0.16 for n = 2, 3 and 4.
   */
  readonly max_repeating_ngram_ratio?: number;
}

const repeatingTopNgramsFilterOptionsSchema: z.ZodType<
  Required<RepeatingTopNgramsFilterOptions>,
  RepeatingTopNgramsFilterOptions | undefined
> = strictOptionsObject({
  n: ngramSizeOption(2),
  max_repeating_ngram_ratio: ratioOption(0.2, "Largest share of the text's characters taken by its most frequent n-gram, from 0 to 1."),
}).prefault({});

/**
 * `heuristic:repeating-top-ngrams` (Gopher, Rae et al., 2021): drops texts where the most frequent
 * word n-gram covers more than `max_repeating_ngram_ratio` of the characters, like NeMo Curator's
 * `RepeatingTopNGramsFilter`.
 *
 * Score: take the most frequent n-gram of words (on a tie, the one that appears first in the text:
 * NeMo's choice among tied n-grams depends on Python's hash order, so it can differ from run to
 * run), join its words with single spaces, and remove every occurrence of that string from the text
 * (left to right, not overlapping, inside longer words too, as Python's `str.replace`); score = the
 * code points removed / the text's code points. A text with fewer than n words scores 1, NeMo's
 * choice, so it is dropped unless the threshold is 1. Keep: `score ≤ max_repeating_ngram_ratio`.
 */
export const repeatingTopNgramsFilter = defineFilter({
  description:
    'Drops texts whose most frequent word n-gram covers more than max_repeating_ngram_ratio of the characters, like NeMo Curator RepeatingTopNGramsFilter (Gopher).',
  options: repeatingTopNgramsFilterOptionsSchema,
  create: (options) => {
    const rule = atMost({ measure: `top ${options.n}-gram character ratio` }, 'max_repeating_ngram_ratio', options.max_repeating_ngram_ratio);
    return { options, score: (text) => scoreTopNgramRatio(text, options.n), keep: rule.keep, describe: rule.describe };
  },
});

/**
 * Creates the `heuristic:repeating-top-ngrams` filter without the plugin registry (see
 * {@link repeatingTopNgramsFilter}).
 *
 * @param options n and the threshold; omitted, they take NeMo Curator's defaults (2, 0.2).
 * @throws InvalidArgumentError when an option is out of range or unknown.
 */
export function createRepeatingTopNgramsFilter(
  options?: RepeatingTopNgramsFilterOptions,
): HeuristicTextFilter<Required<RepeatingTopNgramsFilterOptions>> {
  return createFilter(repeatingTopNgramsFilter, options, 'heuristic:repeating-top-ngrams');
}

// --- Internal helpers ---

function scoreTopNgramRatio(text: string, n: number): number {
  const analysis = analyzeText(text);
  if (analysis.wordCount < n) return 1;
  const ids = analysis.ngramIds(n);
  const counts = zeroedCounts(ids.length);
  let highest = 0;
  for (const id of ids) {
    const count = ++counts[id]!;
    if (count > highest) highest = count;
  }
  // The first n-gram in the text that has the highest count.
  let start = 0;
  while (counts[ids[start]!] !== highest) start++;
  const words: string[] = [];
  for (let word = start; word < start + n; word++) words.push(analysis.wordAt(word));
  const ngram = words.join(' ');
  let occurrences = 0;
  for (let index = text.indexOf(ngram); index !== -1; index = text.indexOf(ngram, index + ngram.length)) occurrences++;
  return (occurrences * countCodePoints(ngram)) / analysis.length;
}

/** Scratch counts, grown to the most n-grams seen and reused: the chain scores three sizes per text. */
let countsScratch = new Int32Array(1024);

/** `length` counts set to 0 (a view of the scratch array, valid until the next call). */
function zeroedCounts(length: number): Int32Array {
  if (countsScratch.length < length) {
    let grown = countsScratch.length;
    while (grown < length) grown *= 2;
    countsScratch = new Int32Array(grown);
  }
  countsScratch.fill(0, 0, length);
  return countsScratch;
}
