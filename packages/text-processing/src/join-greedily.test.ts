import { describe, expect, it } from 'vitest';
import { joinGreedily } from './join-greedily';

const pieces = (...lengths: number[]) => lengths.map((length, index) => ({ text: `p${index}`, length }));

describe('joinGreedily', () => {
  it('joins two pieces when their lengths and one separator fit exactly', () => {
    expect(joinGreedily([{ text: 'ab', length: 2 }, { text: 'cd', length: 2 }], { maxLength: 5, separator: '-' })).toEqual([
      { text: 'ab-cd', length: 5, first: 0, count: 2 },
    ]);
    expect(joinGreedily([{ text: 'ab', length: 2 }, { text: 'cd', length: 2 }], { maxLength: 4, separator: '-' })).toEqual([
      { text: 'ab', length: 2, first: 0, count: 1 },
      { text: 'cd', length: 2, first: 1, count: 1 },
    ]);
  });

  it('starts a new group when the next piece does not fit, keeping order', () => {
    expect(joinGreedily(pieces(3, 3, 3, 1, 9), { maxLength: 8 })).toEqual([
      { text: 'p0\np1', length: 7, first: 0, count: 2 },
      { text: 'p2\np3', length: 5, first: 2, count: 2 },
      { text: 'p4', length: 9, first: 4, count: 1 },
    ]);
  });

  it('keeps a piece longer than the limit as a group of its own (drop such pieces first)', () => {
    expect(joinGreedily(pieces(1, 20, 1), { maxLength: 5 }).map((group) => group.count)).toEqual([1, 1, 1]);
  });

  it('counts empty pieces by their separators, so splitting on line breaks and joining gives the text back', () => {
    const text = 'first line\n\nsecond line\nthird';
    const lines = text.split('\n').map((line) => ({ text: line, length: line.length }));
    expect(joinGreedily(lines, { maxLength: Infinity }).map((group) => group.text)).toEqual([text]);
    expect(joinGreedily(lines, { maxLength: 12 }).map((group) => group.text).join('\n')).toBe(text);
  });

  it('uses the separator length given, and gives no group for no piece', () => {
    expect(joinGreedily(pieces(2, 2), { maxLength: 4, separatorLength: 0 })).toHaveLength(1);
    expect(joinGreedily([], { maxLength: 10 })).toEqual([]);
  });

  it('refuses a limit that is not a number of at least 0', () => {
    expect(() => joinGreedily(pieces(1), { maxLength: Number.NaN })).toThrow(/maxLength must be a number of at least 0/);
    expect(() => joinGreedily(pieces(1), { maxLength: -1 })).toThrow(RangeError);
    expect(() => joinGreedily(pieces(1), { maxLength: 1, separatorLength: -1 })).toThrow(/separatorLength/);
  });
});
