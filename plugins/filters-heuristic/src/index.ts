import { definePlugin, filterStage } from '@synthkit/core';
import { meanWordLengthFilter } from './mean-word-length-filter';
import { nonAlphaNumericFilter } from './non-alpha-numeric-filter';
import { repeatedLinesFilter } from './repeated-lines-filter';
import { VERSION } from './version';
import { wordCountFilter } from './word-count-filter';

export type { HeuristicTextFilter } from './heuristic-text-filter';
export {
  createMeanWordLengthFilter,
  meanWordLengthFilter,
  type MeanWordLengthFilterOptions,
} from './mean-word-length-filter';
export {
  createNonAlphaNumericFilter,
  nonAlphaNumericFilter,
  type NonAlphaNumericFilterOptions,
} from './non-alpha-numeric-filter';
export {
  createRepeatedLinesFilter,
  repeatedLinesFilter,
  type RepeatedLinesFilterOptions,
} from './repeated-lines-filter';
export { VERSION } from './version';
export { createWordCountFilter, wordCountFilter, type WordCountFilterOptions } from './word-count-filter';

/**
 * The `@synthkit/filters-heuristic` plugin, namespace `heuristic`: NeMo Curator's heuristic text
 * filters with the same scores, defaults and keep rules. Recipes name them `heuristic:word-count`,
 * `heuristic:non-alpha-numeric`, `heuristic:mean-word-length` and `heuristic:repeated-lines`.
 */
const plugin = definePlugin({
  specificationVersion: 'v1',
  meta: { name: '@synthkit/filters-heuristic', version: VERSION, namespace: 'heuristic' },
  filters: {
    'word-count': wordCountFilter,
    'non-alpha-numeric': nonAlphaNumericFilter,
    'mean-word-length': meanWordLengthFilter,
    'repeated-lines': repeatedLinesFilter,
  },
});

export default plugin;

/** Stage factories for pipelines written in code: `wordCount({ min_words: 10 }, { field: 'revision' })`. */
export const wordCount = filterStage(plugin, 'word-count');
export const nonAlphaNumeric = filterStage(plugin, 'non-alpha-numeric');
export const meanWordLength = filterStage(plugin, 'mean-word-length');
export const repeatedLines = filterStage(plugin, 'repeated-lines');
