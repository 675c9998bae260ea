import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import type { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { ratioOption } from './internal/option-schemas';
import { atMost } from './internal/threshold-rules';
import { analyzeText } from './text/analyze-text';

/** Options of `heuristic:urls`, named and defaulted like NeMo Curator's `UrlsFilter`. */
export interface UrlsFilterOptions {
  /**
   * Largest share of characters (code points) inside URLs in a kept text, from 0 to 1 (inclusive).
   * Default 0.2, NeMo's: link lists and navigation.
   */
  readonly max_url_to_text_ratio?: number;
}

const urlsFilterOptionsSchema: z.ZodType<Required<UrlsFilterOptions>, UrlsFilterOptions | undefined> = strictOptionsObject({
  max_url_to_text_ratio: ratioOption(0.2, 'Largest share of characters inside URLs in a kept text, from 0 to 1.'),
}).prefault({});

/**
 * `heuristic:urls` (NeMo Curator's own rule, no paper): drops texts whose URL ratio is above `max_url_to_text_ratio`, like
 * NeMo Curator's `UrlsFilter`.
 *
 * Score: total length of the URLs / length, in code points, with URLs as NeMo's pattern finds
 * them (`http://` or `https://` and the characters allowed after it: see `urlPattern`). Empty text
 * scores 1. Keep: `score ≤ max_url_to_text_ratio`.
 */
export const urlsFilter = defineFilter({
  description: 'Drops texts whose share of characters inside http(s) URLs exceeds max_url_to_text_ratio, like NeMo Curator UrlsFilter.',
  options: urlsFilterOptionsSchema,
  create: (options) => {
    const rule = atMost({ measure: 'URL ratio' }, 'max_url_to_text_ratio', options.max_url_to_text_ratio);
    return { options, score: (text) => scoreUrlRatio(text), keep: rule.keep, describe: rule.describe };
  },
});

/**
 * Creates the `heuristic:urls` filter without the plugin registry (see {@link urlsFilter}).
 *
 * @param options the threshold; omitted, it takes NeMo Curator's default 0.2.
 * @throws InvalidArgumentError when the ratio is not a number from 0 to 1 or an option is unknown.
 */
export function createUrlsFilter(options?: UrlsFilterOptions): HeuristicTextFilter<Required<UrlsFilterOptions>> {
  return createFilter(urlsFilter, options, 'heuristic:urls');
}

// --- Internal helpers ---

function scoreUrlRatio(text: string): number {
  const length = analyzeText(text).length;
  if (length === 0) return 1;
  let urlCharacters = 0;
  for (const url of analyzeText(text).urls) urlCharacters += url.length;
  return urlCharacters / length;
}
