import { countCodePoints } from './count-code-points';
import { isPythonWhitespace } from './is-python-whitespace';

/** Word statistics of a text, with words as `splitWords` finds them (Python's `text.split()`). */
export interface WordMeasurements {
  /** Number of words: `len(text.split())` in Python. */
  readonly wordCount: number;
  /**
   * Sum of the lengths of all words, in Unicode code points (an emoji counts 1): the sum of
   * `len(word)` in Python.
   */
  readonly totalWordLength: number;
}

/**
 * Counts the words of a text and their total length in linear time, without creating the words. Gives
 * the same numbers as `splitWords(text).length` and the summed code point lengths of those words,
 * but allocates nothing per word or character, because word filters run on millions of records.
 */
export function measureWords(text: string): WordMeasurements {
  let wordCount = 0;
  let whitespaceCount = 0;
  let insideWord = false;
  for (let index = 0; index < text.length; index++) {
    if (isPythonWhitespace(text.charCodeAt(index))) {
      whitespaceCount++;
      insideWord = false;
    } else if (!insideWord) {
      wordCount++;
      insideWord = true;
    }
  }
  // Whitespace characters are single code units, so the words hold every other code point.
  return { wordCount, totalWordLength: countCodePoints(text) - whitespaceCount };
}
