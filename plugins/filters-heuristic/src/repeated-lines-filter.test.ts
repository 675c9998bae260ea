import { InvalidArgumentError } from '@synthkit/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createRepeatedLinesFilter, repeatedLinesFilter } from './repeated-lines-filter';

describe('heuristic:repeated-lines', () => {
  describe('score', () => {
    const filter = createRepeatedLinesFilter();

    it.each([
      ['a\nb\nc', 1],
      ['a\na\nb\nc', 0.75],
      ['a\na\na\nb', 0.5],
      ['x\ny\nx\ny\nx\ny', 1 / 3],
      ['a\n\n   \n\u3000\nb', 1], // blank lines, including Unicode whitespace, are not lines
      ['a\na ', 1], // lines are not stripped: "a" and "a " differ
      ['a\r\na', 1], // "a\r" and "a" differ
      ['café\ncafé\n😀', 2 / 3],
      ['same\nsame\n', 0.5], // a trailing newline adds no line
    ])('scores %j as %d (values from CPython)', (text, expected) => {
      expect(filter.score(text)).toBe(expected);
    });

    it('scores text without non-blank lines 0', () => {
      expect(filter.score('')).toBe(0);
      expect(filter.score('\n \n\t\u2003\n')).toBe(0);
    });
  });

  describe('keep', () => {
    it("keeps distinct fractions from NeMo's default 0.7 up", () => {
      const filter = createRepeatedLinesFilter();
      const sevenOfTen = ['1', '2', '3', '4', '5', '6', '7', '7', '7', '7'].join('\n');
      expect(filter.score(sevenOfTen)).toBe(0.7);
      expect(filter.keep(filter.score(sevenOfTen))).toBe(true);
      expect(filter.keep(filter.score('a\na\nb'))).toBe(false); // 2/3
      expect(filter.keep(filter.score('a\na\nb\nc'))).toBe(true); // 0.75
    });

    it('always drops text without lines, even with max_repeated_line_fraction 0', () => {
      const lenient = createRepeatedLinesFilter({ max_repeated_line_fraction: 0 });
      expect(lenient.keep(lenient.score(''))).toBe(false);
      expect(lenient.keep(lenient.score('a\na\na'))).toBe(true);
    });

    it('takes the number score() returns, so a boolean score does not compile', () => {
      expectTypeOf(createRepeatedLinesFilter().keep).parameter(0).toEqualTypeOf<number>();
      expectTypeOf(createRepeatedLinesFilter().describe).parameter(0).toEqualTypeOf<number>();
    });
  });

  describe('describe', () => {
    const filter = createRepeatedLinesFilter();

    it('gives the reason for a drop', () => {
      expect(filter.describe(0.5)).toBe(
        'distinct line fraction 0.5, less than max_repeated_line_fraction 0.7 (too many repeated lines)',
      );
      expect(filter.describe(2 / 3)).toBe(
        'distinct line fraction 0.6667, less than max_repeated_line_fraction 0.7 (too many repeated lines)',
      );
      expect(filter.describe(0)).toBe('no non-blank lines');
    });

    it('says why a kept text passed', () => {
      expect(filter.describe(0.7)).toBe('distinct line fraction 0.7, at least max_repeated_line_fraction 0.7');
    });
  });

  describe('options', () => {
    it("defaults to NeMo Curator's 0.7", () => {
      expect(createRepeatedLinesFilter().options).toEqual({ max_repeated_line_fraction: 0.7 });
    });

    it('rejects a bad type, a fraction outside 0 to 1 and an unknown option', () => {
      expect(repeatedLinesFilter.options.safeParse({ max_repeated_line_fraction: '0.7' }).error?.issues[0]).toMatchObject({
        path: ['max_repeated_line_fraction'],
        message: 'must be a number from 0 to 1, e.g. 0.7',
      });
      expect(repeatedLinesFilter.options.safeParse({ max_repeated_line_fraction: 1.01 }).success).toBe(false);
      expect(repeatedLinesFilter.options.safeParse({ max_repeated_lines_fraction: 0.7 }).success).toBe(false);
    });

    it('makes the factory throw InvalidArgumentError', () => {
      let caught: unknown;
      try {
        createRepeatedLinesFilter({ max_repeated_line_fraction: -1 });
      } catch (error) {
        caught = error;
      }
      expect(InvalidArgumentError.isInstance(caught)).toBe(true);
    });
  });

  it('is a v1 filter definition', () => {
    expect(repeatedLinesFilter.specificationVersion).toBe('v1');
    const filter = repeatedLinesFilter.create(repeatedLinesFilter.options.parse({}));
    expect(filter.score('a\na\nb\nc', {})).toBe(0.75);
  });
});
