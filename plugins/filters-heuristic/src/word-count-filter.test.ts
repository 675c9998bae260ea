import { InvalidArgumentError } from '@synthkit/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createWordCountFilter, wordCountFilter } from './word-count-filter';

/** `count` distinct words separated by single spaces. */
function wordsText(count: number): string {
  return Array.from({ length: count }, (_, index) => `w${index}`).join(' ');
}

describe('heuristic:word-count', () => {
  describe('score', () => {
    const filter = createWordCountFilter();

    it.each([
      ['', 0],
      ['  \n\t ', 0],
      ['one two  three', 3],
      ['  padded\twords\n', 2],
      ['a\u00a0b\u2003c\u3000d\u001ce\u0085f', 6], // Python Unicode whitespace, incl. U+001C and U+0085
      ['\u2028x\u2029y\u202fz\u205fw\u1680v\u000bu\u000ct', 7],
      ['a\u200bb', 1], // zero-width space is not whitespace
      ['a\ufeffb', 1], // nor is the byte order mark (JavaScript \s would split here)
      ['😀 👍🏽', 2],
      ['Ünïcödé wörds ça va', 4],
      ['中文 文本', 2], // no Chinese word segmentation: space-separated runs only
    ])('counts %j as %i words (values from CPython str.split)', (text, expected) => {
      expect(filter.score(text)).toBe(expected);
    });
  });

  describe('keep', () => {
    it("keeps min_words to max_words inclusive with NeMo's defaults (50, 100000)", () => {
      const filter = createWordCountFilter();
      expect(filter.keep(filter.score(wordsText(49)))).toBe(false);
      expect(filter.keep(filter.score(wordsText(50)))).toBe(true);
      expect(filter.keep(100_000)).toBe(true);
      expect(filter.keep(100_001)).toBe(false);
    });

    it('drops empty text unless min_words is 0', () => {
      expect(createWordCountFilter().keep(createWordCountFilter().score(''))).toBe(false);
      const lenient = createWordCountFilter({ min_words: 0 });
      expect(lenient.keep(lenient.score(''))).toBe(true);
    });

    it('applies custom thresholds at their exact values', () => {
      const filter = createWordCountFilter({ min_words: 3, max_words: 5 });
      expect([2, 3, 4, 5, 6].map((count) => filter.keep(filter.score(wordsText(count))))).toEqual([
        false, true, true, true, false,
      ]);
    });

    it('takes the number score() returns, so a boolean score does not compile', () => {
      expectTypeOf(createWordCountFilter().keep).parameter(0).toEqualTypeOf<number>();
      expectTypeOf(createWordCountFilter().describe).parameter(0).toEqualTypeOf<number>();
    });
  });

  describe('describe', () => {
    const filter = createWordCountFilter();

    it('gives the reason for a drop', () => {
      expect(filter.describe(12)).toBe('12 words, fewer than min_words 50');
      expect(filter.describe(1)).toBe('1 word, fewer than min_words 50');
      expect(filter.describe(100_001)).toBe('100001 words, more than max_words 100000');
    });

    it('says why a kept text passed', () => {
      expect(filter.describe(50)).toBe('50 words, within min_words 50 and max_words 100000');
    });
  });

  describe('options', () => {
    it("defaults to NeMo Curator's min_words 50 and max_words 100000", () => {
      expect(createWordCountFilter().options).toEqual({ min_words: 50, max_words: 100_000 });
      expect(wordCountFilter.options.parse({})).toEqual({ min_words: 50, max_words: 100_000 });
      expect(wordCountFilter.options.parse(undefined)).toEqual({ min_words: 50, max_words: 100_000 });
    });

    it('rejects a bad type', () => {
      const result = wordCountFilter.options.safeParse({ min_words: '10' });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({
        path: ['min_words'],
        message: 'must be a whole number of words, e.g. 50',
      });
    });

    it('rejects fractional and negative counts', () => {
      expect(wordCountFilter.options.safeParse({ min_words: 2.5 }).success).toBe(false);
      expect(wordCountFilter.options.safeParse({ max_words: -1 }).success).toBe(false);
    });

    it('rejects min_words above max_words, naming both options', () => {
      const result = wordCountFilter.options.safeParse({ min_words: 60, max_words: 50 });
      expect(result.error?.issues).toEqual([
        expect.objectContaining({
          path: ['min_words'],
          message: 'min_words (60) must be less than or equal to max_words (50)',
        }),
      ]);
      expect(wordCountFilter.options.safeParse({ min_words: 200_000 }).success).toBe(false);
      expect(wordCountFilter.options.safeParse({ min_words: 50, max_words: 50 }).success).toBe(true);
    });

    it('rejects an unknown option, listing the valid ones', () => {
      const result = wordCountFilter.options.safeParse({ min_word: 10 });
      expect(result.error?.issues[0]?.message).toBe('unknown option "min_word"; valid options: min_words, max_words');
      // NeMo's lang option is not implemented, so it is refused rather than silently ignored.
      expect(wordCountFilter.options.safeParse({ lang: 'zh' }).success).toBe(false);
    });

    it('makes the factory throw InvalidArgumentError with every problem', () => {
      let caught: unknown;
      try {
        createWordCountFilter({ min_words: 60, max_words: 50 });
      } catch (error) {
        caught = error;
      }
      expect(InvalidArgumentError.isInstance(caught)).toBe(true);
      expect((caught as InvalidArgumentError).argument).toBe('options');
      expect((caught as Error).message).toBe(
        'Invalid options for filter heuristic:word-count:\n' +
          '  - min_words: min_words (60) must be less than or equal to max_words (50)',
      );
    });
  });

  describe('definition', () => {
    it('creates a v1 filter from parsed options', async () => {
      expect(wordCountFilter.specificationVersion).toBe('v1');
      expect(wordCountFilter.description).toMatch(/NeMo Curator WordCountFilter/);
      const filter = wordCountFilter.create(wordCountFilter.options.parse({ min_words: 2 }));
      expect(filter.specificationVersion).toBe('v1');
      expect(filter.keep(await filter.score('two words', {}))).toBe(true);
      expect(filter.describe?.(1)).toBe('1 word, fewer than min_words 2');
    });
  });
});
