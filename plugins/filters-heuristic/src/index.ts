import { definePlugin, filterStage, modifierStage } from '@synthkit/core';
import { heuristicFilters, heuristicModifiers } from './heuristic-items';
import { scoreFieldFilter } from './score-field-filter';
import { scoreOnlyFilter } from './score-only-filter';
import { sequentialFilter } from './sequential-filter';
import { VERSION } from './version';

export type { HeuristicTextFilter } from './heuristic-text-filter';
export { alphaFilter, createAlphaFilter, type AlphaFilterOptions } from './alpha-filter';
export { boilerplateStringFilter, createBoilerplateStringFilter, type BoilerplateStringFilterOptions } from './boilerplate-string-filter';
export { bulletsFilter, createBulletsFilter, type BulletsFilterOptions } from './bullets-filter';
export { commonEnglishWordsFilter, createCommonEnglishWordsFilter, type CommonEnglishWordsFilterOptions } from './common-english-words-filter';
export { createEllipsisFilter, ellipsisFilter, type EllipsisFilterOptions } from './ellipsis-filter';
export {
  createGeneralCommentToCodeFilter,
  generalCommentToCodeFilter,
  type GeneralCommentToCodeFilterOptions,
} from './general-comment-to-code-filter';
export { commentLanguages, type CommentLanguage } from './code/extract-comments';
export { createHtmlBoilerplateFilter, htmlBoilerplateFilter, type HtmlBoilerplateFilterOptions } from './html-boilerplate-filter';
export { createLengthRatioFilter, lengthRatioFilter, type LengthRatioFilterOptions } from './length-ratio-filter';
export { createLineRemoverModifier, lineRemoverModifier, type LineRemoverModifierOptions } from './line-remover-modifier';
export { createLongWordFilter, longWordFilter, type LongWordFilterOptions } from './long-word-filter';
export { createMarkdownRemoverModifier, markdownRemoverModifier } from './markdown-remover-modifier';
export { createMeanWordLengthFilter, meanWordLengthFilter, type MeanWordLengthFilterOptions } from './mean-word-length-filter';
export { createNonAlphaNumericFilter, nonAlphaNumericFilter, type NonAlphaNumericFilterOptions } from './non-alpha-numeric-filter';
export {
  createNumberOfLinesOfCodeFilter,
  numberOfLinesOfCodeFilter,
  type NumberOfLinesOfCodeFilterOptions,
} from './number-of-lines-of-code-filter';
export { createNumbersFilter, numbersFilter, type NumbersFilterOptions } from './numbers-filter';
export { createParenthesesFilter, parenthesesFilter, type ParenthesesFilterOptions } from './parentheses-filter';
export { createPornographicUrlsFilter, pornographicUrlsFilter, type PornographicUrlsFilterOptions } from './pornographic-urls-filter';
export { createPunctuationFilter, punctuationFilter, type PunctuationFilterOptions } from './punctuation-filter';
export {
  createPythonCommentToCodeFilter,
  pythonCommentToCodeFilter,
  type PythonCommentToCodeFilterOptions,
} from './python-comment-to-code-filter';
export { createQuotationRemoverModifier, quotationRemoverModifier } from './quotation-remover-modifier';
export {
  createRepeatedLinesByCharFilter,
  repeatedLinesByCharFilter,
  type RepeatedLinesByCharFilterOptions,
} from './repeated-lines-by-char-filter';
export { createRepeatedLinesFilter, repeatedLinesFilter, type RepeatedLinesFilterOptions } from './repeated-lines-filter';
export {
  createRepeatedParagraphsByCharFilter,
  repeatedParagraphsByCharFilter,
  type RepeatedParagraphsByCharFilterOptions,
} from './repeated-paragraphs-by-char-filter';
export { createRepeatedParagraphsFilter, repeatedParagraphsFilter, type RepeatedParagraphsFilterOptions } from './repeated-paragraphs-filter';
export {
  createRepeatingDuplicateNgramsFilter,
  repeatingDuplicateNgramsFilter,
  type RepeatingDuplicateNgramsFilterOptions,
} from './repeating-duplicate-ngrams-filter';
export { createRepeatingTopNgramsFilter, repeatingTopNgramsFilter, type RepeatingTopNgramsFilterOptions } from './repeating-top-ngrams-filter';
export { createScoreFieldFilter, scoreFieldFilter, type ScoreFieldFilterOptions } from './score-field-filter';
export { createScoreOnlyFilter, scoreOnlyFilter, type ScoreOnlyFilterOptions } from './score-only-filter';
export { createSequentialFilter, sequentialFilter, type SequentialFilterOptions, type SequentialStep } from './sequential-filter';
export { createSlicerModifier, slicerModifier, type SlicerModifierOptions } from './slicer-modifier';
export { createSubstringFilter, substringFilter, type SubstringFilterOptions } from './substring-filter';
export { createSymbolsToWordsFilter, symbolsToWordsFilter, type SymbolsToWordsFilterOptions } from './symbols-to-words-filter';
export { createTokenCountFilter, tokenCountFilter, type TokenCountFilter, type TokenCountFilterOptions } from './token-count-filter';
export {
  createUnicodeNormalizerModifier,
  unicodeNormalizerModifier,
  type UnicodeNormalizerModifierOptions,
} from './unicode-normalizer-modifier';
export { createUrlsFilter, urlsFilter, type UrlsFilterOptions } from './urls-filter';
export { VERSION } from './version';
export { createWhitespaceFilter, whitespaceFilter, type WhitespaceFilterOptions } from './whitespace-filter';
export { createWordCountFilter, wordCountFilter, type WordCountFilterOptions } from './word-count-filter';
export {
  createWordsWithoutAlphabetsFilter,
  wordsWithoutAlphabetsFilter,
  type WordsWithoutAlphabetsFilterOptions,
} from './words-without-alphabets-filter';
export { createXmlHeaderFilter, xmlHeaderFilter, type XmlHeaderFilterOptions } from './xml-header-filter';

/**
 * The `@synthkit/filters-heuristic` plugin, namespace `heuristic`: NeMo Curator's heuristic and code
 * filters with the same scores, option names, defaults and keep rules, its text modifiers, and
 * wrappers (`score-only`, `score-field`, `sequential`). Recipes name them `heuristic:<name>`.
 */
const plugin = definePlugin({
  specificationVersion: 'v1',
  meta: { name: '@synthkit/filters-heuristic', version: VERSION, namespace: 'heuristic' },
  filters: {
    ...heuristicFilters,
    'score-only': scoreOnlyFilter,
    'score-field': scoreFieldFilter,
    sequential: sequentialFilter,
  },
  modifiers: heuristicModifiers,
});

export default plugin;

/** Stage factories for pipelines written in code: `wordCount({ min_words: 10 }, { field: 'revision' })`. */
export const wordCount = filterStage(plugin, 'word-count');
export const nonAlphaNumeric = filterStage(plugin, 'non-alpha-numeric');
export const meanWordLength = filterStage(plugin, 'mean-word-length');
export const repeatedLines = filterStage(plugin, 'repeated-lines');
export const symbolsToWords = filterStage(plugin, 'symbols-to-words');
export const numbers = filterStage(plugin, 'numbers');
export const urls = filterStage(plugin, 'urls');
export const bullets = filterStage(plugin, 'bullets');
export const whitespace = filterStage(plugin, 'whitespace');
export const parentheses = filterStage(plugin, 'parentheses');
export const longWord = filterStage(plugin, 'long-word');
export const boilerplateString = filterStage(plugin, 'boilerplate-string');
export const repeatedParagraphs = filterStage(plugin, 'repeated-paragraphs');
export const repeatedLinesByChar = filterStage(plugin, 'repeated-lines-by-char');
export const repeatedParagraphsByChar = filterStage(plugin, 'repeated-paragraphs-by-char');
export const repeatingTopNgrams = filterStage(plugin, 'repeating-top-ngrams');
export const repeatingDuplicateNgrams = filterStage(plugin, 'repeating-duplicate-ngrams');
export const punctuation = filterStage(plugin, 'punctuation');
export const ellipsis = filterStage(plugin, 'ellipsis');
export const commonEnglishWords = filterStage(plugin, 'common-english-words');
export const wordsWithoutAlphabets = filterStage(plugin, 'words-without-alphabets');
export const pornographicUrls = filterStage(plugin, 'pornographic-urls');
export const tokenCount = filterStage(plugin, 'token-count');
export const substring = filterStage(plugin, 'substring');
export const lengthRatio = filterStage(plugin, 'length-ratio');
export const pythonCommentToCode = filterStage(plugin, 'python-comment-to-code');
export const generalCommentToCode = filterStage(plugin, 'general-comment-to-code');
export const numberOfLinesOfCode = filterStage(plugin, 'number-of-lines-of-code');
export const xmlHeader = filterStage(plugin, 'xml-header');
export const alpha = filterStage(plugin, 'alpha');
export const htmlBoilerplate = filterStage(plugin, 'html-boilerplate');
export const scoreOnly = filterStage(plugin, 'score-only');
export const scoreField = filterStage(plugin, 'score-field');
export const sequential = filterStage(plugin, 'sequential');
export const markdownRemover = modifierStage(plugin, 'markdown-remover');
export const slicer = modifierStage(plugin, 'slicer');
export const quotationRemover = modifierStage(plugin, 'quotation-remover');
export const lineRemover = modifierStage(plugin, 'line-remover');
export const unicodeNormalizer = modifierStage(plugin, 'unicode-normalizer');
