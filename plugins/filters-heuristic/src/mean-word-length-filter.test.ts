import { InvalidArgumentError } from '@synthkit/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createMeanWordLengthFilter, meanWordLengthFilter } from './mean-word-length-filter';

describe('heuristic:mean-word-length', () => {
  describe('score', () => {
    const filter = createMeanWordLengthFilter();

    it.each([
      ['abc defgh', 4],
      ['The quick brown fox', 4],
      ['a bb', 1.5],
      ['ab abc', 2.5],
      ['naïve café', 4.5], // accented letters are one code point each
      ['e\u0301', 2], // e + combining accent: two code points, as in Python
      ['中文 文本', 2],
      ['  one\u3000three\u0085  ', 4], // Python Unicode whitespace separates and is not counted
    ])('scores %j as %d (values from CPython)', (text, expected) => {
      expect(filter.score(text)).toBe(expected);
    });

    it('counts an emoji as one character (code points, not UTF-16 units)', () => {
      expect(filter.score('😀😀😀')).toBe(3); // UTF-16 units would give 6
      expect(filter.score('👍🏽 ab')).toBe(2);
    });

    it('scores text without words 0', () => {
      expect(filter.score('')).toBe(0);
      expect(filter.score(' \n\u3000\t')).toBe(0);
    });
  });

  describe('keep', () => {
    it("keeps means from 3 to 10 inclusive with NeMo's defaults", () => {
      const filter = createMeanWordLengthFilter();
      expect(filter.keep(filter.score('ab abc'))).toBe(false); // 2.5
      expect(filter.keep(filter.score('abc'))).toBe(true); // 3
      expect(filter.keep(filter.score('😀😀😀'))).toBe(true); // 3 code points
      expect(filter.keep(filter.score('abcdefghij'))).toBe(true); // 10
      expect(filter.keep(filter.score('abcdefghijk'))).toBe(false); // 11
    });

    it('always drops text without words, even with min_mean_word_length 0', () => {
      expect(createMeanWordLengthFilter().keep(createMeanWordLengthFilter().score(''))).toBe(false);
      const lenient = createMeanWordLengthFilter({ min_mean_word_length: 0 });
      expect(lenient.keep(lenient.score(''))).toBe(false);
      expect(lenient.keep(lenient.score('a'))).toBe(true);
    });

    it('accepts fractional thresholds', () => {
      const filter = createMeanWordLengthFilter({ min_mean_word_length: 2.5, max_mean_word_length: 4.5 });
      expect(filter.keep(filter.score('ab abc'))).toBe(true); // 2.5
      expect(filter.keep(filter.score('naïve café'))).toBe(true); // 4.5
      expect(filter.keep(filter.score('a bb'))).toBe(false); // 1.5
    });

    it('takes the number score() returns, so a boolean score does not compile', () => {
      expectTypeOf(createMeanWordLengthFilter().keep).parameter(0).toEqualTypeOf<number>();
      expectTypeOf(createMeanWordLengthFilter().describe).parameter(0).toEqualTypeOf<number>();
    });
  });

  describe('describe', () => {
    const filter = createMeanWordLengthFilter();

    it('gives the reason for a drop', () => {
      expect(filter.describe(2.5)).toBe('mean word length 2.5, shorter than min_mean_word_length 3');
      expect(filter.describe(31 / 3)).toBe('mean word length 10.3333, longer than max_mean_word_length 10');
      expect(filter.describe(0)).toBe('no words, so no mean word length');
    });

    it('says why a kept text passed', () => {
      expect(filter.describe(4.5)).toBe('mean word length 4.5, within min_mean_word_length 3 and max_mean_word_length 10');
    });
  });

  describe('options', () => {
    it("defaults to NeMo Curator's 3 and 10", () => {
      expect(createMeanWordLengthFilter().options).toEqual({ min_mean_word_length: 3, max_mean_word_length: 10 });
    });

    it('rejects a bad type', () => {
      const result = meanWordLengthFilter.options.safeParse({ max_mean_word_length: null });
      expect(result.error?.issues[0]).toMatchObject({
        path: ['max_mean_word_length'],
        message: 'must be a number of characters, e.g. 10',
      });
    });

    it('rejects min_mean_word_length above max_mean_word_length, naming both options', () => {
      const result = meanWordLengthFilter.options.safeParse({ min_mean_word_length: 12 });
      expect(result.error?.issues).toEqual([
        expect.objectContaining({
          path: ['min_mean_word_length'],
          message: 'min_mean_word_length (12) must be less than or equal to max_mean_word_length (10)',
        }),
      ]);
    });

    it('rejects negative lengths and unknown options', () => {
      expect(meanWordLengthFilter.options.safeParse({ min_mean_word_length: -1 }).success).toBe(false);
      expect(meanWordLengthFilter.options.safeParse({ min_word_length: 3 }).error?.issues[0]?.message).toBe(
        'unknown option "min_word_length"; valid options: min_mean_word_length, max_mean_word_length',
      );
    });

    it('makes the factory throw InvalidArgumentError', () => {
      let caught: unknown;
      try {
        createMeanWordLengthFilter({ min_mean_word_length: 5, max_mean_word_length: 4 });
      } catch (error) {
        caught = error;
      }
      expect(InvalidArgumentError.isInstance(caught)).toBe(true);
      expect((caught as Error).message).toContain('min_mean_word_length (5) must be less than or equal to max_mean_word_length (4)');
    });
  });

  it('is a v1 filter definition', () => {
    expect(meanWordLengthFilter.specificationVersion).toBe('v1');
    const filter = meanWordLengthFilter.create(meanWordLengthFilter.options.parse({}));
    expect(filter.score('abc defgh', {})).toBe(4);
  });
});
