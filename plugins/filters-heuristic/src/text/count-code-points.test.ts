import { describe, expect, it } from 'vitest';
import { countCodePoints } from './count-code-points';

describe('countCodePoints', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['café', 4],
    ['😀', 1],
    ['a😀b', 3],
    ['👍🏽', 2], // thumbs up + skin tone modifier: two code points, like Python's len
    ['\ud83d', 1], // lone high surrogate
    ['\ude00', 1], // lone low surrogate
    ['\ude00\ud83d', 2], // reversed pair is two lone surrogates
    ['\ud83d\ud83d\ude00', 2], // lone high, then a pair
  ])('counts %j as %i code points, like [...text].length', (text, expected) => {
    expect(countCodePoints(text)).toBe(expected);
    expect(countCodePoints(text)).toBe([...text].length);
  });

  it('counts a range of code units', () => {
    const text = 'x😀y😀z';
    expect(countCodePoints(text, 1, 3)).toBe(1);
    expect(countCodePoints(text, 1, 6)).toBe(3);
  });
});
