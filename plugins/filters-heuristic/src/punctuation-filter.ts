import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import type { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { ratioOption } from './internal/option-schemas';
import { atMost, nothingToMeasureScore } from './internal/threshold-rules';
import { analyzeText } from './text/analyze-text';
import { isPythonWhitespace } from './text/is-python-whitespace';

/** Options of `heuristic:punctuation`, named and defaulted like NeMo Curator's `PunctuationFilter`. */
export interface PunctuationFilterOptions {
  /**
   * Largest share of lines without an end mark in a kept text, from 0 to 1 (inclusive). Default
   * 0.85, from C4 (Raffel et al., 2020): menus, headings and lists rather than sentences.
   */
  readonly max_num_sentences_without_endmark_ratio?: number;
}

const punctuationFilterOptionsSchema: z.ZodType<Required<PunctuationFilterOptions>, PunctuationFilterOptions | undefined> =
  strictOptionsObject({
    max_num_sentences_without_endmark_ratio: ratioOption(0.85, 'Largest share of lines not ending with . ? ! " or \' in a kept text, from 0 to 1.'),
  }).prefault({});

/**
 * `heuristic:punctuation` (C4, Raffel et al., 2020): drops texts where more than
 * `max_num_sentences_without_endmark_ratio` of the lines do not end with an end mark, like NeMo
 * Curator's `PunctuationFilter`.
 *
 * Score: non-blank lines whose last non-whitespace character is not one of `. ? ! " '` / non-blank
 * lines. Keep: `score ≤ max_num_sentences_without_endmark_ratio`. Text without lines scores −1 and
 * is dropped (NeMo divides by zero).
 */
export const punctuationFilter = defineFilter({
  description:
    'Drops texts whose share of lines not ending with . ? ! " or \' exceeds max_num_sentences_without_endmark_ratio, like NeMo Curator PunctuationFilter (C4).',
  options: punctuationFilterOptionsSchema,
  create: (options) => {
    const rule = atMost(
      { measure: 'share of lines without an end mark', nothingToMeasure: 'no non-blank lines' },
      'max_num_sentences_without_endmark_ratio',
      options.max_num_sentences_without_endmark_ratio,
    );
    return { options, score: (text) => scoreLinesWithoutEndMark(text), keep: rule.keep, describe: rule.describe };
  },
});

/**
 * Creates the `heuristic:punctuation` filter without the plugin registry (see {@link punctuationFilter}).
 *
 * @param options the threshold; omitted, it takes NeMo Curator's default 0.85.
 * @throws InvalidArgumentError when the ratio is not a number from 0 to 1 or an option is unknown.
 */
export function createPunctuationFilter(options?: PunctuationFilterOptions): HeuristicTextFilter<Required<PunctuationFilterOptions>> {
  return createFilter(punctuationFilter, options, 'heuristic:punctuation');
}

// --- Internal helpers ---

function scoreLinesWithoutEndMark(text: string): number {
  const { lines } = analyzeText(text);
  if (lines.length === 0) return nothingToMeasureScore;
  let withoutEndMark = 0;
  for (const line of lines) {
    let index = line.length - 1;
    while (isPythonWhitespace(line.charCodeAt(index))) index--;
    switch (line.charCodeAt(index)) {
      case 0x2e: // .
      case 0x3f: // ?
      case 0x21: // !
      case 0x22: // "
      case 0x27: // '
        break;
      default:
        withoutEndMark++;
    }
  }
  return withoutEndMark / lines.length;
}
