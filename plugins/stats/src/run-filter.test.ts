import { MockEmbeddingModelV1, runFilter } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { createDiversityAnalyzer } from './diversity-analyzer';
import plugin from './index';

const diversity = plugin.filters.diversity;
const records = Array.from({ length: 300 }, (_, index) => ({
  _id: `id-${String(index).padStart(3, '0')}`,
  text: index % 30 === 0 ? 'A planted line that repeats across the dataset.' : `Record ${index} describes item ${index % 11} with words of its own.`,
}));

describe('stats:diversity through the engine (runFilter)', () => {
  it('keeps every record, and reports the metrics of the set, whatever the order and concurrency', async () => {
    const forward = await runFilter(diversity, { records, options: { sample: 40 }, reference: 'stats:diversity' });
    expect(forward.rejects).toEqual([]);
    expect(forward.kept.map((record) => record['_id']).sort()).toEqual(records.map((record) => record._id));
    expect(forward.kept.every((record) => typeof record['text'] === 'string')).toBe(true);
    expect(forward.calls).toEqual([]);

    // The same as the analyser over the same texts keyed by _id: the engine adds nothing of its own.
    const analyzer = createDiversityAnalyzer({ sample: 40 });
    for (const record of records) analyzer.add(record.text, record._id);
    expect(forward.report).toEqual(analyzer.result());
    expect(forward.summary).toMatch(/^300 records; median length \d+ characters, \d+ words\ndistinct-1\.\.4: /);

    const reversed = await runFilter(diversity, { records: [...records].reverse(), options: { sample: 40 }, concurrency: 5, reference: 'stats:diversity' });
    expect(reversed.report).toEqual(forward.report);
  });

  it('with embeddings: true, embeds the sampled texts through the engine, traced in _meta.calls, and reports their spread', async () => {
    const embedder = new MockEmbeddingModelV1({ doEmbed: (text) => [text.length % 7, (text.match(/e/g) ?? []).length, 1] });
    const { kept, calls, report } = await runFilter(diversity, {
      records,
      options: { sample: 40, embeddings: true },
      embeddingModels: { embedder },
      reference: 'stats:diversity',
    });
    expect(kept).toHaveLength(300);
    const embedded = embedder.doEmbedCalls.flat();
    expect(embedded.length).toBeGreaterThanOrEqual(40);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((call) => call.kind === 'embedding' && call.model === 'mock:mock-embedding' && call.role === 'embedder')).toBe(true);
    const spread = report!['embeddingSpread'] as { embedded: number; dimensions: number; meanPairwiseCosineDistance: number };
    expect(spread).toMatchObject({ embedded: 40, dimensions: 3 });
    expect(spread.meanPairwiseCosineDistance).toBeGreaterThan(0);
  });

  it('needs no embedding model unless embeddings: true', async () => {
    await expect(runFilter(diversity, { records: records.slice(0, 3), options: { embeddings: true }, reference: 'stats:diversity' })).rejects.toThrow(/embedder/);
    const { report } = await runFilter(diversity, { records: records.slice(0, 3), reference: 'stats:diversity' });
    expect(report).toMatchObject({ records: 3, embeddingSpread: null });
  });
});
