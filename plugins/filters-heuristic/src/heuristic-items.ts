import { alphaFilter } from './alpha-filter';
import { boilerplateStringFilter } from './boilerplate-string-filter';
import { bulletsFilter } from './bullets-filter';
import { commonEnglishWordsFilter } from './common-english-words-filter';
import { ellipsisFilter } from './ellipsis-filter';
import { generalCommentToCodeFilter } from './general-comment-to-code-filter';
import { htmlBoilerplateFilter } from './html-boilerplate-filter';
import { lengthRatioFilter } from './length-ratio-filter';
import { lineRemoverModifier } from './line-remover-modifier';
import { longWordFilter } from './long-word-filter';
import { markdownRemoverModifier } from './markdown-remover-modifier';
import { meanWordLengthFilter } from './mean-word-length-filter';
import { nonAlphaNumericFilter } from './non-alpha-numeric-filter';
import { numberOfLinesOfCodeFilter } from './number-of-lines-of-code-filter';
import { numbersFilter } from './numbers-filter';
import { parenthesesFilter } from './parentheses-filter';
import { pornographicUrlsFilter } from './pornographic-urls-filter';
import { punctuationFilter } from './punctuation-filter';
import { pythonCommentToCodeFilter } from './python-comment-to-code-filter';
import { quotationRemoverModifier } from './quotation-remover-modifier';
import { repeatedLinesByCharFilter } from './repeated-lines-by-char-filter';
import { repeatedLinesFilter } from './repeated-lines-filter';
import { repeatedParagraphsByCharFilter } from './repeated-paragraphs-by-char-filter';
import { repeatedParagraphsFilter } from './repeated-paragraphs-filter';
import { repeatingDuplicateNgramsFilter } from './repeating-duplicate-ngrams-filter';
import { repeatingTopNgramsFilter } from './repeating-top-ngrams-filter';
import { slicerModifier } from './slicer-modifier';
import { substringFilter } from './substring-filter';
import { symbolsToWordsFilter } from './symbols-to-words-filter';
import { tokenCountFilter } from './token-count-filter';
import { unicodeNormalizerModifier } from './unicode-normalizer-modifier';
import { urlsFilter } from './urls-filter';
import { whitespaceFilter } from './whitespace-filter';
import { wordCountFilter } from './word-count-filter';
import { wordsWithoutAlphabetsFilter } from './words-without-alphabets-filter';
import { xmlHeaderFilter } from './xml-header-filter';

/**
 * The heuristic and code filters of the plugin by recipe name (`heuristic:<name>`), in NeMo
 * Curator's order (its `heuristic_filter.py`, then its code filters), without the wrappers, which
 * take these as their items.
 */
export const heuristicFilters = {
  'non-alpha-numeric': nonAlphaNumericFilter,
  'symbols-to-words': symbolsToWordsFilter,
  numbers: numbersFilter,
  urls: urlsFilter,
  bullets: bulletsFilter,
  whitespace: whitespaceFilter,
  parentheses: parenthesesFilter,
  'long-word': longWordFilter,
  'word-count': wordCountFilter,
  'boilerplate-string': boilerplateStringFilter,
  'mean-word-length': meanWordLengthFilter,
  'repeated-lines': repeatedLinesFilter,
  'repeated-paragraphs': repeatedParagraphsFilter,
  'repeated-lines-by-char': repeatedLinesByCharFilter,
  'repeated-paragraphs-by-char': repeatedParagraphsByCharFilter,
  'repeating-top-ngrams': repeatingTopNgramsFilter,
  'repeating-duplicate-ngrams': repeatingDuplicateNgramsFilter,
  punctuation: punctuationFilter,
  ellipsis: ellipsisFilter,
  'common-english-words': commonEnglishWordsFilter,
  'words-without-alphabets': wordsWithoutAlphabetsFilter,
  'pornographic-urls': pornographicUrlsFilter,
  'token-count': tokenCountFilter,
  substring: substringFilter,
  'length-ratio': lengthRatioFilter,
  'python-comment-to-code': pythonCommentToCodeFilter,
  'general-comment-to-code': generalCommentToCodeFilter,
  'number-of-lines-of-code': numberOfLinesOfCodeFilter,
  'xml-header': xmlHeaderFilter,
  alpha: alphaFilter,
  'html-boilerplate': htmlBoilerplateFilter,
} as const;

/** The modifiers of the plugin by recipe name. */
export const heuristicModifiers = {
  'markdown-remover': markdownRemoverModifier,
  slicer: slicerModifier,
  'quotation-remover': quotationRemoverModifier,
  'line-remover': lineRemoverModifier,
  'unicode-normalizer': unicodeNormalizerModifier,
} as const;
