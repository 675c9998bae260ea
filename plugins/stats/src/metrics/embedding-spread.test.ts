import { describe, expect, it } from 'vitest';
import { embeddingSpread } from './embedding-spread';

describe('embeddingSpread', () => {
  it('matches the pairwise definition, whatever the vectors\' lengths', () => {
    const vectors = [
      [1, 0, 0],
      [0, 2, 0],
      [3, 3, 0],
      [1, 2, 3],
    ];
    const unit = vectors.map((vector) => vector.map((value) => value / Math.hypot(...vector)));
    const cosine = (first: number[], second: number[]) => first.reduce((sum, value, index) => sum + value * second[index]!, 0);
    let pairwise = 0;
    let pairs = 0;
    for (let first = 0; first < unit.length; first++) {
      for (let second = first + 1; second < unit.length; second++) {
        pairwise += 1 - cosine(unit[first]!, unit[second]!);
        pairs++;
      }
    }
    const centroid = [0, 1, 2].map((dimension) => unit.reduce((sum, vector) => sum + vector[dimension]!, 0) / unit.length);
    const centroidUnit = centroid.map((value) => value / Math.hypot(...centroid));
    const toCentroid = unit.reduce((sum, vector) => sum + 1 - cosine(vector, centroidUnit), 0) / unit.length;
    const spread = embeddingSpread(vectors)!;
    expect(spread.meanPairwiseCosineDistance).toBeCloseTo(pairwise / pairs, 12);
    expect(spread.meanCosineDistanceToCentroid).toBeCloseTo(toCentroid, 12);
    expect([spread.embedded, spread.dimensions]).toEqual([4, 3]);
  });

  it('is 0 for vectors pointing the same way, and leaves zero vectors out', () => {
    const spread = embeddingSpread([[1, 1], [2, 2], [0, 0]])!;
    expect(spread.meanPairwiseCosineDistance).toBeCloseTo(0, 12);
    expect(spread.meanCosineDistanceToCentroid).toBeCloseTo(0, 12);
    expect([spread.embedded, spread.dimensions]).toEqual([2, 2]);
    expect(embeddingSpread([[1, 1]])).toBeNull();
  });

  it('refuses vectors of different sizes', () => {
    expect(() => embeddingSpread([[1, 0], [1, 0, 0]])).toThrow('embeddings have different numbers of dimensions (2 and 3)');
  });
});
