import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createMeanWordLengthFilter,
  createNonAlphaNumericFilter,
  createRepeatedLinesFilter,
  createWordCountFilter,
} from './index';

/**
 * 120 random texts mixing the hard cases (emoji and skin tones, a lone surrogate, combining accents,
 * Arabic digits, CJK, every kind of Python whitespace, U+200B and U+FEFF which are not whitespace,
 * `\r\n`, blank lines), with scores computed by CPython 3.11 using NeMo Curator's definitions:
 * `len(text.strip().split())`, `(len(text) - len(re.findall("[a-zA-Z0-9\n?!,.]", text))) / len(text)`
 * (1 when empty), the mean of `len(word)`, and distinct / total of
 * `[line for line in text.split("\n") if len(line.strip()) > 0]`. `null` is where Python has no value
 * (NaN or a division by zero).
 */
interface CpythonScores {
  readonly text: string;
  readonly word_count: number;
  readonly non_alpha_numeric: number;
  readonly mean_word_length: number | null;
  readonly repeated_lines: number | null;
}

const cases = JSON.parse(
  readFileSync(new URL('./__fixtures__/cpython-scores.json', import.meta.url), 'utf8'),
) as CpythonScores[];

describe('scores equal CPython on the same texts', () => {
  const wordCount = createWordCountFilter();
  const nonAlphaNumeric = createNonAlphaNumericFilter();
  const meanWordLength = createMeanWordLengthFilter();
  const repeatedLines = createRepeatedLinesFilter();

  it('has enough cases, including texts without words or lines', () => {
    expect(cases.length).toBe(120);
    expect(cases.some((scores) => scores.mean_word_length === null)).toBe(true);
    expect(cases.some((scores) => scores.repeated_lines === null)).toBe(true);
  });

  it.each(cases.map((scores, index) => [index, scores] as const))('case %i', (_index, scores) => {
    expect(wordCount.score(scores.text)).toBe(scores.word_count);
    expect(nonAlphaNumeric.score(scores.text)).toBe(scores.non_alpha_numeric);
    if (scores.mean_word_length === null) {
      expect(meanWordLength.score(scores.text)).toBe(0);
      expect(meanWordLength.keep(meanWordLength.score(scores.text))).toBe(false);
    } else {
      expect(meanWordLength.score(scores.text)).toBe(scores.mean_word_length);
    }
    if (scores.repeated_lines === null) {
      expect(repeatedLines.score(scores.text)).toBe(0);
      expect(repeatedLines.keep(repeatedLines.score(scores.text))).toBe(false);
    } else {
      expect(repeatedLines.score(scores.text)).toBe(scores.repeated_lines);
    }
  });
});
