import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import type { z } from 'zod';
import { extractVisibleText } from './code/extract-visible-text';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { formatNumber } from './internal/format-number';
import { countOption, ratioOption } from './internal/option-schemas';
import { countCodePoints } from './text/count-code-points';

/** Options of `heuristic:html-boilerplate`, named and defaulted like NeMo Curator's `HTMLBoilerplateFilter`. */
export interface HtmlBoilerplateFilterOptions {
  /** Smallest share of visible text in kept HTML, from 0 to 1 (inclusive). Default 0.2, NeMo's. */
  readonly min_lang_content_ratio?: number;
  /** Fewest visible characters in kept HTML. Default 100, NeMo's: below it the score is 0. */
  readonly min_lang_content_num_chars?: number;
}

const htmlBoilerplateFilterOptionsSchema: z.ZodType<Required<HtmlBoilerplateFilterOptions>, HtmlBoilerplateFilterOptions | undefined> =
  strictOptionsObject({
    min_lang_content_ratio: ratioOption(0.2, 'Smallest share of visible text in kept HTML, from 0 to 1.'),
    min_lang_content_num_chars: countOption(100, 'Fewest visible characters in kept HTML; below it the score is 0.', 'characters'),
  }).prefault({});

/**
 * `heuristic:html-boilerplate` (code-data cleaning, NeMo Curator's own rule): drops HTML that is
 * mostly markup, like NeMo Curator's `HTMLBoilerplateFilter`.
 *
 * Score: code points of the visible text (every text node after removing `<script>` and `<style>`,
 * character references decoded, as BeautifulSoup's `get_text()`) / code points of the source; 0
 * when the visible text is shorter than `min_lang_content_num_chars` or the source is empty. Keep:
 * `score ≥ min_lang_content_ratio`. The HTML parser is a simplified one (a few named character
 * references, no error recovery beyond BeautifulSoup's basics).
 */
export const htmlBoilerplateFilter = defineFilter({
  description:
    'Drops HTML whose visible text (scripts and styles removed) is under min_lang_content_num_chars characters or under min_lang_content_ratio of the source, like NeMo Curator HTMLBoilerplateFilter.',
  options: htmlBoilerplateFilterOptionsSchema,
  create: (options) => {
    const { min_lang_content_ratio: minimumRatio, min_lang_content_num_chars: minimumCharacters } = options;
    return {
      options,
      score: (text) => scoreVisibleTextRatio(text, minimumCharacters),
      keep: (score) => score >= minimumRatio,
      describe: (score) => {
        if (score === 0) return `visible text shorter than min_lang_content_num_chars ${minimumCharacters} (score 0)`;
        const ratio = `visible text ratio ${formatNumber(score, minimumRatio)}`;
        return score < minimumRatio ? `${ratio}, less than min_lang_content_ratio ${minimumRatio}` : `${ratio}, at least min_lang_content_ratio ${minimumRatio}`;
      },
    };
  },
});

/** Creates the `heuristic:html-boilerplate` filter without the plugin registry (see {@link htmlBoilerplateFilter}). */
export function createHtmlBoilerplateFilter(options?: HtmlBoilerplateFilterOptions): HeuristicTextFilter<Required<HtmlBoilerplateFilterOptions>> {
  return createFilter(htmlBoilerplateFilter, options, 'heuristic:html-boilerplate');
}

// --- Internal helpers ---

function scoreVisibleTextRatio(source: string, minimumCharacters: number): number {
  const length = countCodePoints(source);
  if (length === 0) return 0;
  const visible = countCodePoints(extractVisibleText(source));
  return visible < minimumCharacters ? 0 : visible / length;
}
