import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { countOption } from './internal/option-schemas';
import { atLeast } from './internal/threshold-rules';
import { analyzeText } from './text/analyze-text';

/** Options of `heuristic:common-english-words`, named and defaulted like NeMo Curator's `CommonEnglishWordsFilter`. */
export interface CommonEnglishWordsFilterOptions {
  /**
   * Fewest common English words (the, be, to, of, and, that, have, with) in a kept text (inclusive).
   * Default 2, from Gopher's stop-word rule (Rae et al., 2021): text that is not English prose.
   */
  readonly min_num_common_words?: number;
  /**
   * Stop counting once `min_num_common_words` is reached (the score is then at most that number).
   * Default true, NeMo's; it changes the score, never the decision.
   */
  readonly stop_at_false?: boolean;
}

const commonEnglishWordsFilterOptionsSchema: z.ZodType<
  Required<CommonEnglishWordsFilterOptions>,
  CommonEnglishWordsFilterOptions | undefined
> = strictOptionsObject({
  min_num_common_words: countOption(2, 'Fewest common English words (the, be, to, of, and, that, have, with) in a kept text.', 'words'),
  stop_at_false: z
    .boolean({ error: 'must be true or false' })
    .default(true)
    .describe('Stop counting once min_num_common_words is reached; changes the score, never the decision.'),
}).prefault({});

/**
 * `heuristic:common-english-words` (Gopher, Rae et al., 2021): keeps texts with at least
 * `min_num_common_words` common English words, like NeMo Curator's `CommonEnglishWordsFilter`.
 *
 * Score: the number of words that are exactly (case-sensitively) `the`, `be`, `to`, `of`, `and`,
 * `that`, `have` or `with`; with `stop_at_false`, counting stops as soon as the count reaches
 * `min_num_common_words`. "The" and "THE" do not count: over-capitalised text is meant to fail.
 * Keep: `score ≥ min_num_common_words`. Text without words scores 0.
 */
export const commonEnglishWordsFilter = defineFilter({
  description:
    'Keeps texts with at least min_num_common_words of the lower-case words the, be, to, of, and, that, have, with, like NeMo Curator CommonEnglishWordsFilter (Gopher).',
  options: commonEnglishWordsFilterOptionsSchema,
  create: (options) => {
    const minimum = options.min_num_common_words;
    const stopAt = options.stop_at_false ? minimum : Number.POSITIVE_INFINITY;
    const rule = atLeast({ measure: 'common English words' }, 'min_num_common_words', minimum);
    return { options, score: (text) => countCommonWords(text, stopAt), keep: rule.keep, describe: rule.describe };
  },
});

/**
 * Creates the `heuristic:common-english-words` filter without the plugin registry (see
 * {@link commonEnglishWordsFilter}).
 *
 * @param options the threshold and `stop_at_false`; omitted, they take NeMo Curator's defaults (2, true).
 * @throws InvalidArgumentError when an option has the wrong type or is unknown.
 */
export function createCommonEnglishWordsFilter(
  options?: CommonEnglishWordsFilterOptions,
): HeuristicTextFilter<Required<CommonEnglishWordsFilterOptions>> {
  return createFilter(commonEnglishWordsFilter, options, 'heuristic:common-english-words');
}

// --- Internal helpers ---

const commonWords: ReadonlySet<string> = new Set(['the', 'be', 'to', 'of', 'and', 'that', 'have', 'with']);

/** NeMo checks the count after each word, so with a minimum of 0 it stops at the first word. */
function countCommonWords(text: string, stopAt: number): number {
  const analysis = analyzeText(text);
  // NeMo counts word by word and stops once the count reaches stopAt, checking after every word.
  // With stopAt 0 that check stops it after the first word; otherwise the count stops at stopAt.
  if (stopAt === 0) return analysis.wordCount > 0 && commonWords.has(analysis.wordAt(0)) ? 1 : 0;
  return Math.min(analysis.countWordsWhere(isCommonWord), stopAt);
}

const commonWordList = [...commonWords];

/** One of {@link commonWords}, compared on the code units of the text: no string per word. */
function isCommonWord(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length < 2 || length > 4) return false;
  for (const word of commonWordList) if (word.length === length && text.startsWith(word, start)) return true;
  return false;
}
