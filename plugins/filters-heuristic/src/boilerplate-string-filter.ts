import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { ratioOption } from './internal/option-schemas';
import { atMost } from './internal/threshold-rules';
import { analyzeText } from './text/analyze-text';

/** Options of `heuristic:boilerplate-string`, named and defaulted like NeMo Curator's `BoilerPlateStringFilter`. */
export interface BoilerplateStringFilterOptions {
  /**
   * Accepted for NeMo compatibility and ignored, as NeMo ignores it (its score never reads it).
   * Default true.
   */
  readonly remove_if_at_top_or_bottom?: boolean;
  /**
   * Largest share of boilerplate paragraphs in a kept text, from 0 to 1 (inclusive). Default 0.4,
   * adapted from C4 (Raffel et al., 2020): cookie banners, privacy and terms-of-use notices.
   */
  readonly max_boilerplate_string_ratio?: number;
}

const boilerplateStringFilterOptionsSchema: z.ZodType<
  Required<BoilerplateStringFilterOptions>,
  BoilerplateStringFilterOptions | undefined
> = strictOptionsObject({
  remove_if_at_top_or_bottom: z
    .boolean({ error: 'must be true or false' })
    .default(true)
    .describe('Accepted for NeMo Curator compatibility and ignored, as NeMo ignores it.'),
  max_boilerplate_string_ratio: ratioOption(0.4, 'Largest share of paragraphs holding a policy or cookie notice in a kept text, from 0 to 1.'),
}).prefault({});

/**
 * `heuristic:boilerplate-string` (adapted from C4, Raffel et al., 2020): drops texts where more than
 * `max_boilerplate_string_ratio` of the paragraphs hold a policy or cookie notice, like NeMo
 * Curator's `BoilerPlateStringFilter`.
 *
 * Score: paragraphs (the text split on `\n\n`) whose lower-cased text contains "terms of use",
 * "privacy policy", "cookie policy", "uses cookies", "privacy overview", "use of cookies", "use
 * cookies", "privacy & cookies policy", "privacy and cookies policy" or one of three long
 * cookie-banner sentences (two more in NeMo's list contain "uses cookies" already) / paragraphs; a
 * paragraph containing "lorem ipsum" makes the score 1 at once. Keep:
 * `score ≤ max_boilerplate_string_ratio`.
 */
export const boilerplateStringFilter = defineFilter({
  description:
    'Drops texts whose share of paragraphs holding a policy or cookie notice exceeds max_boilerplate_string_ratio (lorem ipsum: always), like NeMo Curator BoilerPlateStringFilter (C4).',
  options: boilerplateStringFilterOptionsSchema,
  create: (options) => {
    const rule = atMost({ measure: 'boilerplate paragraph ratio' }, 'max_boilerplate_string_ratio', options.max_boilerplate_string_ratio);
    return { options, score: (text) => scoreBoilerplateParagraphRatio(text), keep: rule.keep, describe: rule.describe };
  },
});

/**
 * Creates the `heuristic:boilerplate-string` filter without the plugin registry (see
 * {@link boilerplateStringFilter}).
 *
 * @param options the threshold; omitted, it takes NeMo Curator's default 0.4.
 * @throws InvalidArgumentError when an option has the wrong type or is unknown.
 */
export function createBoilerplateStringFilter(
  options?: BoilerplateStringFilterOptions,
): HeuristicTextFilter<Required<BoilerplateStringFilterOptions>> {
  return createFilter(boilerplateStringFilter, options, 'heuristic:boilerplate-string');
}

// --- Internal helpers ---

/** Lower-case notices that mark a paragraph as boilerplate (NeMo's list, facts from the web's cookie banners). */
const boilerplateStrings: ReadonlyArray<string> = [
  'terms of use',
  'privacy policy',
  'cookie policy',
  'uses cookies',
  'privacy overview',
  'use of cookies',
  'use cookies',
  'privacy & cookies policy',
  'privacy and cookies policy',
  'necessary cookies are absolutely essential for the website to function properly. this category only includes cookies that ensures basic functionalities and security features of the website. these cookies do not store any personal information.',
  'any cookies that may not be particularly necessary for the website to function and is used specifically to collect user personal data via analytics, ads, other embedded contents are termed as non-necessary cookies. it is mandatory to procure user consent prior to running these cookies on your website.',
  'if you continue to browse this site without changing your cookie settings, you agree to this use. acceptread more',
];

/** Every boilerplate string and "lorem ipsum" contains one of these (lower case). */
const hints = ['terms of use', 'privacy', 'cookie', 'lorem ipsum'];

function scoreBoilerplateParagraphRatio(text: string): number {
  // No hint has a newline, so a hint inside some paragraph is a hint in the text: one scan of the
  // whole text rules out most texts, without a scan per paragraph (the score is then 0 of them).
  if (!hintPattern.test(text)) return 0;
  const { paragraphs } = analyzeText(text);
  let boilerplate = 0;
  for (const paragraph of paragraphs) {
    // Case-insensitive prefilter: skip lowercasing the paragraphs that cannot match.
    if (!hintPattern.test(paragraph)) continue;
    const lower = paragraph.toLowerCase();
    if (lower.includes('lorem ipsum')) return 1;
    if (boilerplateStrings.some((notice) => lower.includes(notice))) boilerplate++;
  }
  return boilerplate / paragraphs.length;
}

// `u`: Unicode case folding, so the Kelvin sign matches k as Python's lower() makes it one.
const hintPattern = new RegExp(hints.join('|'), 'iu');
