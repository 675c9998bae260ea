import { isPythonWhitespace } from './is-python-whitespace';

/**
 * Splits text into words exactly as Python's `text.strip().split()` does, which is how NeMo Curator
 * finds words for English and every other space-separated language: words are the maximal runs of
 * characters that are not whitespace (see {@link isPythonWhitespace} for the 29 whitespace code
 * points). Leading and trailing whitespace yields no empty words, so whitespace-only text has no words.
 *
 * Languages written without spaces (Chinese, Japanese) are not segmented: NeMo uses jieba and MeCab for
 * them, and synthkit does not. A run of Chinese text is one "word" here.
 *
 * @returns the words, in order; empty for empty or whitespace-only text.
 */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let wordStart = -1;
  for (let index = 0; index < text.length; index++) {
    if (isPythonWhitespace(text.charCodeAt(index))) {
      if (wordStart >= 0) {
        words.push(text.slice(wordStart, index));
        wordStart = -1;
      }
    } else if (wordStart < 0) {
      wordStart = index;
    }
  }
  if (wordStart >= 0) words.push(text.slice(wordStart));
  return words;
}
