import { describe, expect, it } from 'vitest';
import { MockEmbeddingModelV1 } from './mock-embedding-model-v1';
import { wordOverlapEmbedding } from './word-overlap-embedding';

const cosine = (left: number[], right: number[]) => {
  const dot = left.reduce((sum, value, index) => sum + value * right[index]!, 0);
  const norm = (vector: number[]) => Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  return dot / (norm(left) * norm(right));
};

describe('wordOverlapEmbedding', () => {
  it('gives texts sharing their words a cosine near 1, unrelated texts one near 0, an empty text zeros', async () => {
    const embedder = new MockEmbeddingModelV1({ doEmbed: wordOverlapEmbedding });
    const { embeddings } = await embedder.doEmbed({ texts: ['The cat sat on the mat.', 'the cat sat on the mat', 'The cat sat on a mat!', 'Stock prices fell today.', ''] });
    const [first, same, close, unrelated, empty] = embeddings as [number[], number[], number[], number[], number[]];
    expect(first).toHaveLength(256);
    expect(cosine(first, same)).toBeCloseTo(1, 10);
    expect(cosine(first, close)).toBeGreaterThan(0.8);
    expect(cosine(first, unrelated)).toBeLessThan(0.2);
    expect(empty.every((value) => value === 0)).toBe(true);
    expect(wordOverlapEmbedding('a b', 8)).toHaveLength(8);
  });
});
