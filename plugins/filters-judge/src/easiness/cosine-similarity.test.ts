import { describe, expect, it } from 'vitest';
import { cosineSimilarity } from './cosine-similarity';

describe('cosineSimilarity', () => {
  it('is the cosine of the angle between the vectors, whatever their lengths', () => {
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([1, 0], [-2, 0])).toBe(-1);
    expect(cosineSimilarity([3, 4], [6, 8])).toBe(1);
    expect(cosineSimilarity([1, 1], [1, 0])).toBeCloseTo(Math.SQRT1_2, 15);
  });

  it('gives no similarity for a vector with no direction, and refuses vectors of different lengths', () => {
    expect(cosineSimilarity([0, 0], [1, 0])).toBeUndefined();
    expect(cosineSimilarity([Number.NaN, 1], [1, 0])).toBeUndefined();
    expect(cosineSimilarity([Number.POSITIVE_INFINITY, 1], [1, 0])).toBeUndefined();
    expect(() => cosineSimilarity([1, 0, 0], [1, 0])).toThrow('vectors of 3 and 2 dimensions');
  });
});
