import { createFilter, defineFilter, fieldNameSchema, type JsonRecord, strictOptionsObject } from '@synthkit/core';
import { z } from 'zod';
import { formatNumber } from './internal/format-number';
import { nothingToMeasureScore } from './internal/threshold-rules';
import { measureWords } from './text/measure-words';

/** Options of `heuristic:length-ratio`, named and defaulted like NeMo Curator's `LengthRatioFilter` (a bitext filter). */
export interface LengthRatioFilterOptions {
  /**
   * The record field holding the other side of the pair (the translation); the stage's `field` is
   * the source. Required: NeMo's `ParallelScoreFilter` takes it as `tgt_field`.
   */
  readonly target_field: string;
  /**
   * Largest ratio of word counts, either way, of a kept pair (exclusive: a ratio of exactly
   * `max_ratio` is dropped, as in NeMo). Default 3.0, from the Moses `clean-corpus-n.perl` script.
   */
  readonly max_ratio?: number;
}

const lengthRatioFilterOptionsSchema: z.ZodType<Required<LengthRatioFilterOptions>, LengthRatioFilterOptions> = strictOptionsObject({
  target_field: fieldNameSchema.describe('The record field holding the other side of the pair (the stage field is the source).'),
  max_ratio: z
    .number({ error: 'must be a number, 1 or more, e.g. 3' })
    .min(1, { error: 'must be 1 or more (a ratio taken either way is never below 1)' })
    .default(3)
    .describe('Largest word-count ratio, either way, of a kept pair (exclusive).'),
});

/**
 * `heuristic:length-ratio` (from the Moses toolkit's `clean-corpus-n.perl`): drops a translation pair
 * whose word counts differ by a factor of `max_ratio` or more, like NeMo Curator's `LengthRatioFilter`.
 *
 * Score: `max(source words / target words, target words / source words)`, words as Python's
 * `text.split()`, with the source in the stage's `field` and the target in `target_field`. Keep:
 * `score < max_ratio` (strictly, as NeMo). A side without words scores −1 and is dropped (NeMo
 * divides by zero). A record whose `target_field` is missing or not text fails, naming the field.
 */
export const lengthRatioFilter = defineFilter({
  description:
    'Drops translation pairs (stage field and target_field) whose word counts differ by max_ratio or more either way, like NeMo Curator LengthRatioFilter (Moses).',
  options: lengthRatioFilterOptionsSchema,
  create: (options) => {
    const { target_field: targetField, max_ratio: maximumRatio } = options;
    return {
      options,
      score: (text, record: JsonRecord) => scoreLengthRatio(text, readTarget(record, targetField)),
      keep: (score) => score !== nothingToMeasureScore && score < maximumRatio,
      describe: (score) => {
        if (score === nothingToMeasureScore) return `no words in the source or in ${targetField}`;
        const ratio = `word-count ratio ${formatNumber(score, maximumRatio)}`;
        return score < maximumRatio ? `${ratio}, below max_ratio ${maximumRatio}` : `${ratio}, not below max_ratio ${maximumRatio}`;
      },
    };
  },
});

/**
 * Creates the `heuristic:length-ratio` filter without the plugin registry (see {@link lengthRatioFilter}).
 * Its `score(text, record)` reads the target from `record[target_field]`.
 *
 * @throws InvalidArgumentError when `target_field` is missing, `max_ratio` is below 1, or an option is unknown.
 */
export function createLengthRatioFilter(options: LengthRatioFilterOptions) {
  return createFilter(lengthRatioFilter, options, 'heuristic:length-ratio');
}

// --- Internal helpers ---

function readTarget(record: JsonRecord, targetField: string): string {
  const target = record[targetField];
  if (typeof target === 'string') return target;
  throw new Error(
    `heuristic:length-ratio: the record's target_field "${targetField}" is ${target === undefined ? 'missing' : `a ${typeof target}, not text`}; ` +
      `set target_field to the record field holding the translation (record fields: ${Object.keys(record).join(', ')}).`,
  );
}

function scoreLengthRatio(source: string, target: string): number {
  const sourceWords = measureWords(source).wordCount;
  const targetWords = measureWords(target).wordCount;
  if (sourceWords === 0 || targetWords === 0) return nothingToMeasureScore;
  return Math.max(sourceWords / targetWords, targetWords / sourceWords);
}
