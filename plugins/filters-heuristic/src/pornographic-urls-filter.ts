import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import type { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { analyzeText } from './text/analyze-text';

/** `heuristic:pornographic-urls` has no options, as NeMo Curator's `PornographicUrlsFilter`. */
export type PornographicUrlsFilterOptions = Record<string, never>;

const pornographicUrlsFilterOptionsSchema: z.ZodType<PornographicUrlsFilterOptions, PornographicUrlsFilterOptions | undefined> =
  strictOptionsObject({}).prefault({}) as never;

/**
 * `heuristic:pornographic-urls` (C4, Raffel et al., 2020, which used a blocklist; NeMo Curator
 * keeps only the word): drops texts with a URL containing `porn`, like NeMo Curator's
 * `PornographicUrlsFilter`.
 *
 * Score: 1 when a URL (NeMo's URL pattern, see `urlPattern`) contains `porn` (lower case, as NeMo),
 * else 0. Keep: `score ≠ 1`.
 */
export const pornographicUrlsFilter = defineFilter({
  description: 'Drops texts with an http(s) URL containing "porn", like NeMo Curator PornographicUrlsFilter.',
  options: pornographicUrlsFilterOptionsSchema,
  create: (options) => ({
    options,
    score: (text) => (analyzeText(text).urls.some((url) => url.includes('porn')) ? 1 : 0),
    keep: (score) => score !== 1,
    describe: (score) => (score === 1 ? 'a URL contains "porn"' : 'no URL contains "porn"'),
  }),
});

/** Creates the `heuristic:pornographic-urls` filter without the plugin registry (see {@link pornographicUrlsFilter}). */
export function createPornographicUrlsFilter(options?: PornographicUrlsFilterOptions): HeuristicTextFilter<PornographicUrlsFilterOptions> {
  return createFilter(pornographicUrlsFilter, options, 'heuristic:pornographic-urls');
}
