import type { AggregateContextV1 } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { createSemanticDedupFilter, semanticDedupFilter } from './semantic-dedup-filter';
import { verdictsById, type TestRecord } from './test-support/observe-in-order';
import { wordOverlapEmbedding } from '@synthkit/testkit';

const embedCalls: string[][] = [];
const context: Partial<AggregateContextV1> = {
  embed: async ({ texts }) => {
    embedCalls.push([...texts]);
    return { embeddings: texts.map((text) => wordOverlapEmbedding(text)) };
  },
};
const records: TestRecord[] = [
  { id: 'c3', text: 'The cat sat on the warm mat by the door.' },
  { id: 'a1', text: 'the cat sat on the warm mat by the door' },
  { id: 'b2', text: 'The cat sat on the warm mat by the red door.' },
  { id: 'd4', text: 'Stock prices fell sharply after the announcement.' },
  { id: 'e5', text: '' },
  { id: 'e6', text: '' },
];

describe('dedup:semantic', () => {
  it('drops a record when a smaller _id embeds within the threshold, naming the most similar one', async () => {
    embedCalls.length = 0;
    const verdicts = await verdictsById(createSemanticDedupFilter(), records, { context });
    expect(embedCalls).toEqual([records.map((record) => record.text)]);
    expect(verdicts.get('a1')).toEqual({ keep: true });
    expect(verdicts.get('c3')).toEqual({ keep: false, reason: 'cosine 1.00 ≥ 0.9 with a1', duplicateOf: 'a1', score: expect.closeTo(1, 6) });
    const b2 = verdicts.get('b2')!;
    expect(b2).toMatchObject({ keep: false, duplicateOf: 'a1' });
    expect(b2.keep === false && b2.reason).toMatch(/^cosine 0\.9\d ≥ 0\.9 with a1$/);
    // Nothing like it, or an empty text (a zero vector, similar to nothing): kept, with the best cosine as score.
    expect(verdicts.get('d4')).toMatchObject({ keep: true, score: expect.any(Number) });
    expect(verdicts.get('e5')!.keep).toBe(true);
    expect(verdicts.get('e6')).toEqual({ keep: true, score: 0 });
  });

  it('names the smaller _id when two records are equally similar, in any order', async () => {
    const same = ['c', 'a', 'b', 'd'].map((id) => ({ id, text: 'one and the same text' }));
    for (const order of [same, [...same].reverse()]) {
      const verdicts = await verdictsById(createSemanticDedupFilter(), order, { context, batchSize: 1 });
      expect(Object.fromEntries([...verdicts].map(([id, verdict]) => [id, verdict.keep ? 'kept' : verdict.duplicateOf]))).toEqual({ a: 'kept', b: 'a', c: 'a', d: 'a' });
    }
  });

  it('compares block by block with the same result as all at once', async () => {
    const many = Array.from({ length: 60 }, (_, index) => ({ id: `r${String(index).padStart(3, '0')}`, text: `${['alpha', 'beta', 'gamma'][index % 3]} story number ${index % 7} told again` }));
    const whole = await verdictsById(createSemanticDedupFilter({ threshold: 0.9 }), many, { context });
    const blocks = await verdictsById(createSemanticDedupFilter({ threshold: 0.9 }, { sortBufferBytes: 256 * 4 * 7 }), [...many].reverse(), { context, batchSize: 9 });
    expect(Object.fromEntries(blocks)).toEqual(Object.fromEntries(whole));
    expect([...whole.values()].filter((verdict) => !verdict.keep)).toHaveLength(60 - 21);
  });

  it('reports its counts and sums them up in one line', async () => {
    const filter = createSemanticDedupFilter({ threshold: 0.99 });
    await verdictsById(filter, records, { context });
    expect(filter.report()).toEqual({ records: 6, duplicatesRemoved: 1, groups: 1, dimensions: 256, comparisons: 15, threshold: 0.99 });
    expect(filter.summary()).toBe('1 of 6 records were semantic duplicates (cosine ≥ 0.99) of 1 record; 5 kept');
  });

  it('says what is missing when it has no embedder, or the embedder answers wrongly', async () => {
    expect(semanticDedupFilter.embeddingModels).toEqual({ embedder: expect.any(String) });
    const item = { index: 0, id: 'a', text: 'x', record: {} };
    await expect(createSemanticDedupFilter().observe([item], {} as AggregateContextV1)).rejects.toThrow(/needs context\.embed.*models: \{ embedder: provider:model \}/);
    const tooFew = { embed: async () => ({ embeddings: [] }) } as unknown as AggregateContextV1;
    await expect(createSemanticDedupFilter().observe([item], tooFew)).rejects.toThrow('the embedder returned 0 vectors for 1 texts');
    const filter = createSemanticDedupFilter();
    let dimensions = 3;
    const changing = { embed: async () => ({ embeddings: [new Array(dimensions++).fill(1)] }) } as unknown as AggregateContextV1;
    await filter.observe([item], changing);
    await expect(filter.observe([{ ...item, index: 1, id: 'b' }], changing)).rejects.toThrow('the embedding of record 1 has 4 numbers where the first had 3');
    for await (const _verdict of filter.verdicts()) break;
    expect(() => createSemanticDedupFilter({ threshold: 2 })).toThrow(/threshold: must be 1 or less/);
  });
});
