import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import type { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { ratioOption } from './internal/option-schemas';
import { atMost, nothingToMeasureScore } from './internal/threshold-rules';
import { analyzeText } from './text/analyze-text';
import { isPythonWhitespace } from './text/is-python-whitespace';

/** Options of `heuristic:bullets`, named and defaulted like NeMo Curator's `BulletsFilter`. */
export interface BulletsFilterOptions {
  /**
   * Largest share of lines starting with a bullet in a kept text, from 0 to 1 (inclusive).
   * Default 0.9, from Gopher (Rae et al., 2021): navigation menus and link lists.
   */
  readonly max_bullet_lines_ratio?: number;
}

const bulletsFilterOptionsSchema: z.ZodType<Required<BulletsFilterOptions>, BulletsFilterOptions | undefined> = strictOptionsObject({
  max_bullet_lines_ratio: ratioOption(0.9, 'Largest share of lines starting with a bullet (• ‣ ⁃ ⁌ ⁍ ∙ ○ ● ◘ ◦ ⦾ ⦿) in a kept text, from 0 to 1.'),
}).prefault({});

/**
 * `heuristic:bullets` (Gopher, Rae et al., 2021): drops texts where more than
 * `max_bullet_lines_ratio` of the lines start with a bullet, like NeMo Curator's `BulletsFilter`.
 *
 * Score: lines whose first non-whitespace character is one of `• ‣ ⁃ ⁌ ⁍ ∙ ○ ● ◘ ◦ ⦾ ⦿` / lines,
 * with lines as the non-blank lines of the text. Markdown's `-` and `*` are not bullets here, as in
 * NeMo. Keep: `score ≤ max_bullet_lines_ratio`. Text without lines scores −1 and is dropped (NeMo
 * divides by zero).
 */
export const bulletsFilter = defineFilter({
  description:
    'Drops texts whose share of lines starting with a bullet (• ‣ ⁃ ⁌ ⁍ ∙ ○ ● ◘ ◦ ⦾ ⦿) exceeds max_bullet_lines_ratio, like NeMo Curator BulletsFilter (Gopher).',
  options: bulletsFilterOptionsSchema,
  create: (options) => {
    const rule = atMost({ measure: 'bullet line ratio', nothingToMeasure: 'no non-blank lines' }, 'max_bullet_lines_ratio', options.max_bullet_lines_ratio);
    return { options, score: (text) => scoreBulletLineRatio(text), keep: rule.keep, describe: rule.describe };
  },
});

/**
 * Creates the `heuristic:bullets` filter without the plugin registry (see {@link bulletsFilter}).
 *
 * @param options the threshold; omitted, it takes NeMo Curator's default 0.9.
 * @throws InvalidArgumentError when the ratio is not a number from 0 to 1 or an option is unknown.
 */
export function createBulletsFilter(options?: BulletsFilterOptions): HeuristicTextFilter<Required<BulletsFilterOptions>> {
  return createFilter(bulletsFilter, options, 'heuristic:bullets');
}

// --- Internal helpers ---

/** NeMo's bullets, all single characters of the Basic Multilingual Plane. */
const bullets: ReadonlySet<number> = new Set([...'•‣⁃⁌⁍∙○●◘◦⦾⦿'].map((bullet) => bullet.charCodeAt(0)));

function scoreBulletLineRatio(text: string): number {
  const { lines } = analyzeText(text);
  if (lines.length === 0) return nothingToMeasureScore;
  let bulletLines = 0;
  for (const line of lines) {
    let index = 0;
    while (isPythonWhitespace(line.charCodeAt(index))) index++;
    if (bullets.has(line.charCodeAt(index))) bulletLines++;
  }
  return bulletLines / lines.length;
}
