import { InvalidArgumentError } from '@synthkit/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createNonAlphaNumericFilter, nonAlphaNumericFilter } from './non-alpha-numeric-filter';

describe('heuristic:non-alpha-numeric', () => {
  describe('score', () => {
    const filter = createNonAlphaNumericFilter();

    it.each([
      ['abc', 0],
      ['Wait... what?!\n', 1 / 15], // only the space: \n ? ! , . count as alphanumeric
      ['Hello, world!', 1 / 13],
      ['a\tb\r\n', 2 / 5], // tab and carriage return are not alphanumeric, \n is
      ['<div>x</div>', 5 / 12],
      ['café', 1 / 4], // é is not ASCII, so not alphanumeric
      ['１２３', 1], // full-width digits are not ASCII digits
      ['日本語のテキスト', 1],
    ])('scores %j as %d (values from CPython)', (text, expected) => {
      expect(filter.score(text)).toBe(expected);
    });

    it('counts an emoji as one character (code points, not UTF-16 units)', () => {
      expect(filter.score('ab😀')).toBe(1 / 3); // UTF-16 units would give 2 / 4
      expect(filter.score('abc😀')).toBe(0.25);
    });

    it('scores empty text 1, so it is dropped', () => {
      expect(filter.score('')).toBe(1);
      expect(filter.keep(filter.score(''))).toBe(false);
    });
  });

  describe('keep', () => {
    it("keeps ratios up to NeMo's default 0.25 inclusive", () => {
      const filter = createNonAlphaNumericFilter();
      expect(filter.keep(filter.score('abc-'))).toBe(true); // exactly 0.25
      expect(filter.keep(filter.score('café'))).toBe(true); // exactly 0.25
      expect(filter.keep(filter.score('ab😀'))).toBe(false); // 1/3
      expect(filter.keep(0.2500001)).toBe(false);
    });

    it('applies a custom ratio', () => {
      const filter = createNonAlphaNumericFilter({ max_non_alpha_numeric_to_text_ratio: 0.5 });
      expect(filter.keep(filter.score('ab--'))).toBe(true);
      expect(filter.keep(filter.score('a--'))).toBe(false);
    });

    it('keeps everything, even empty text, at ratio 1, as NeMo does', () => {
      const filter = createNonAlphaNumericFilter({ max_non_alpha_numeric_to_text_ratio: 1 });
      expect(filter.keep(filter.score(''))).toBe(true);
    });

    it('takes the number score() returns, so a boolean score does not compile', () => {
      expectTypeOf(createNonAlphaNumericFilter().keep).parameter(0).toEqualTypeOf<number>();
      expectTypeOf(createNonAlphaNumericFilter().describe).parameter(0).toEqualTypeOf<number>();
    });
  });

  describe('describe', () => {
    const filter = createNonAlphaNumericFilter();

    it('gives the reason for a drop', () => {
      expect(filter.describe(filter.score('<div>x</div>'))).toBe(
        'non-alphanumeric ratio 0.4167, more than max_non_alpha_numeric_to_text_ratio 0.25',
      );
      expect(filter.describe(0.25001)).toBe(
        'non-alphanumeric ratio 0.25001, more than max_non_alpha_numeric_to_text_ratio 0.25',
      );
    });

    it('says why a kept text passed', () => {
      expect(filter.describe(0.25)).toBe('non-alphanumeric ratio 0.25, at most max_non_alpha_numeric_to_text_ratio 0.25');
    });
  });

  describe('options', () => {
    it("defaults to NeMo Curator's 0.25", () => {
      expect(createNonAlphaNumericFilter().options).toEqual({ max_non_alpha_numeric_to_text_ratio: 0.25 });
      expect(nonAlphaNumericFilter.options.parse({})).toEqual({ max_non_alpha_numeric_to_text_ratio: 0.25 });
    });

    it('rejects a bad type', () => {
      const result = nonAlphaNumericFilter.options.safeParse({ max_non_alpha_numeric_to_text_ratio: '0.3' });
      expect(result.error?.issues[0]).toMatchObject({
        path: ['max_non_alpha_numeric_to_text_ratio'],
        message: 'must be a number from 0 to 1, e.g. 0.25',
      });
    });

    it('rejects ratios outside 0 to 1', () => {
      expect(nonAlphaNumericFilter.options.safeParse({ max_non_alpha_numeric_to_text_ratio: 1.5 }).success).toBe(false);
      expect(nonAlphaNumericFilter.options.safeParse({ max_non_alpha_numeric_to_text_ratio: -0.1 }).success).toBe(false);
      expect(nonAlphaNumericFilter.options.safeParse({ max_non_alpha_numeric_to_text_ratio: 0 }).success).toBe(true);
    });

    it('rejects an unknown option', () => {
      const result = nonAlphaNumericFilter.options.safeParse({ max_non_alphanumeric_to_text_ratio: 0.3 });
      expect(result.error?.issues[0]?.message).toBe(
        'unknown option "max_non_alphanumeric_to_text_ratio"; valid options: max_non_alpha_numeric_to_text_ratio',
      );
    });

    it('rejects options that are not an object', () => {
      expect(() => createNonAlphaNumericFilter(0.3 as never)).toThrow(
        'options must be an object with some of: max_non_alpha_numeric_to_text_ratio',
      );
    });

    it('makes the factory throw InvalidArgumentError', () => {
      expect(() => createNonAlphaNumericFilter({ max_non_alpha_numeric_to_text_ratio: 2 })).toThrow(
        'Invalid options for filter heuristic:non-alpha-numeric:\n  - max_non_alpha_numeric_to_text_ratio: must be from 0 to 1',
      );
      try {
        createNonAlphaNumericFilter({ max_non_alpha_numeric_to_text_ratio: 2 });
      } catch (error) {
        expect(InvalidArgumentError.isInstance(error)).toBe(true);
      }
    });
  });

  it('is a v1 filter definition', () => {
    expect(nonAlphaNumericFilter.specificationVersion).toBe('v1');
    const filter = nonAlphaNumericFilter.create(nonAlphaNumericFilter.options.parse({}));
    expect(filter.score('abc-', {})).toBe(0.25);
  });
});
