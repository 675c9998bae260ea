import { describe, expect, it } from 'vitest';
import { createMock } from './create-mock';
import { mockEmbeddingDimensions } from './mock-embedding-model';
import { mockRewardAttributes } from './mock-reward-model';

const cosine = (a: ReadonlyArray<number>, b: ReadonlyArray<number>) => a.reduce((sum, value, index) => sum + value * b[index]!, 0);

describe('mock reward model', () => {
  const model = createMock().rewardModel('offline');
  const ask = (answer: string) => model.doScore({ messages: [{ role: 'user', content: 'How do plants make food?' }, { role: 'assistant', content: answer }] });

  it('scores the five NVIDIA attributes from 0 to 4, the same answer always the same, different answers differently', async () => {
    const first = await ask('By photosynthesis, using light, water and carbon dioxide.');
    expect(Object.keys(first.scores)).toEqual([...mockRewardAttributes]);
    for (const value of Object.values(first.scores)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(4);
    }
    expect(await ask('By photosynthesis, using light, water and carbon dioxide.')).toEqual(first);
    const others = await Promise.all(['They eat soil.', 'Sunlight.', 'Through their leaves, over the day.'].map(ask));
    expect(new Set([first, ...others].map((result) => result.scores['helpfulness'])).size).toBe(4);
    expect((await ask('x'.repeat(1600))).scores['verbosity']).toBeGreaterThan(first.scores['verbosity']!);
  });

  it('refuses an empty conversation, as an endpoint does', async () => {
    await expect(model.doScore({ messages: [] })).rejects.toThrow('got an empty conversation');
  });
});

describe('mock embedding model', () => {
  const model = createMock().embeddingModel('offline');

  it('gives unit vectors that are close for texts sharing words and far for unrelated ones', async () => {
    const { embeddings, usage } = await model.doEmbed({
      texts: ['The cat sat on the mat.', 'the cat sat on the mat', 'The cat sat on the mat today.', 'Quarterly revenue grew by nine percent.', ''],
    });
    const [cat, same, near, far, empty] = embeddings as number[][];
    expect(cat).toHaveLength(mockEmbeddingDimensions);
    expect(Math.hypot(...cat!)).toBeCloseTo(1);
    expect(cosine(cat!, same!)).toBeCloseTo(1);
    expect(cosine(cat!, near!)).toBeGreaterThan(0.8);
    expect(Math.abs(cosine(cat!, far!))).toBeLessThan(0.4);
    expect(Math.hypot(...empty!)).toBeCloseTo(1);
    expect(usage.inputTokens).toBe(6 + 6 + 7 + 6);
  });
});
