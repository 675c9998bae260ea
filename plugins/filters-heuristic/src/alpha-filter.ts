import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import type { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { ratioOption } from './internal/option-schemas';
import { atLeast, nothingToMeasureScore } from './internal/threshold-rules';
import { countCodePoints } from './text/count-code-points';
import { countAlphabeticCharacters } from './text/is-alphabetic';

/** Options of `heuristic:alpha`, named and defaulted like NeMo Curator's `AlphaFilter`. */
export interface AlphaFilterOptions {
  /** Smallest share of alphabetic characters in kept source, from 0 to 1 (inclusive). Default 0.25, from StarCoder. */
  readonly min_alpha_ratio?: number;
}

const alphaFilterOptionsSchema: z.ZodType<Required<AlphaFilterOptions>, AlphaFilterOptions | undefined> = strictOptionsObject({
  min_alpha_ratio: ratioOption(0.25, 'Smallest share of alphabetic characters in kept source, from 0 to 1.'),
}).prefault({});

/**
 * `heuristic:alpha` (StarCoder, Li et al., 2023): drops source that is mostly numbers or symbols
 * (tensors, tables stored as code), like NeMo Curator's `AlphaFilter`.
 *
 * Score: alphabetic code points (Unicode's `Alphabetic` property) / code points. Empty source scores
 * −1 and is dropped (NeMo divides by zero). Keep: `score ≥ min_alpha_ratio`.
 */
export const alphaFilter = defineFilter({
  description: 'Drops source whose share of alphabetic characters is below min_alpha_ratio, like NeMo Curator AlphaFilter (StarCoder).',
  options: alphaFilterOptionsSchema,
  create: (options) => {
    const rule = atLeast({ measure: 'alphabetic ratio', nothingToMeasure: 'empty source' }, 'min_alpha_ratio', options.min_alpha_ratio);
    return { options, score: (text) => scoreAlphabeticRatio(text), keep: rule.keep, describe: rule.describe };
  },
});

/** Creates the `heuristic:alpha` filter without the plugin registry (see {@link alphaFilter}). */
export function createAlphaFilter(options?: AlphaFilterOptions): HeuristicTextFilter<Required<AlphaFilterOptions>> {
  return createFilter(alphaFilter, options, 'heuristic:alpha');
}

// --- Internal helpers ---

function scoreAlphabeticRatio(source: string): number {
  const length = countCodePoints(source);
  return length === 0 ? nothingToMeasureScore : countAlphabeticCharacters(source) / length;
}
