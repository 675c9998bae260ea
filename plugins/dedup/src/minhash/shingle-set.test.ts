import { describe, expect, it } from 'vitest';
import { jaccardSimilarity, shingleSet } from './shingle-set';

/** The shingles as strings, for reference. */
function stringShingles(text: string, size: number): Set<string> {
  if (text.length <= size) return new Set([text]);
  return new Set(Array.from({ length: text.length - size + 1 }, (_, start) => text.slice(start, start + size)));
}

describe('shingleSet and jaccardSimilarity', () => {
  it('give the Jaccard similarity of the sets of character n-grams', () => {
    const pairs: Array<[string, string, number]> = [
      ['the quick brown fox jumps', 'the quick brown cat jumps', 4],
      ['aaaaaaaaaa', 'aaaaaaaaab', 3],
      ['abc', 'abc', 5],
      ['abc', 'abd', 5],
      ['', '', 24],
      ['', 'x', 24],
    ];
    for (const [left, right, size] of pairs) {
      const leftStrings = stringShingles(left, size);
      const rightStrings = stringShingles(right, size);
      const shared = [...leftStrings].filter((shingle) => rightStrings.has(shingle)).length;
      const expected = shared / (leftStrings.size + rightStrings.size - shared);
      expect(jaccardSimilarity(shingleSet(left, size), shingleSet(right, size)), `${left} / ${right}`).toBe(expected);
      expect(shingleSet(left, size).length).toBe(leftStrings.size);
    }
  });
});
