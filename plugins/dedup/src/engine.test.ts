import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '@synthkit/cli';
import type { JsonRecord } from '@synthkit/core';
import { createTemporaryProject, MockEmbeddingModelV1, runFilter, wordOverlapEmbedding, type RunFilterResult } from '@synthkit/testkit';
import { describeFilterConformance } from '@synthkit/testkit/conformance';
import { describe, expect, it } from 'vitest';
import { exactDedupFilter } from './exact-dedup-filter';
import { minhashDedupFilter } from './minhash-dedup-filter';
import { semanticDedupFilter } from './semantic-dedup-filter';
import { plantedCorpus } from './test-support/planted-corpus';
import { shuffled } from './test-support/seeded-random';

// The filters through the engine's own aggregate stage (testkit `runFilter`), through
// `synthkit filter`, and through the conformance kit.

const corpus = plantedCorpus({ seed: 31, bases: 80 }).map((record): JsonRecord => ({ _id: record.id, text: record.text }));

/** What a run decided, independent of the order records left the stage: kept ids, and each reject by id. */
function outcome(result: RunFilterResult) {
  return {
    kept: result.kept.map((record) => record['_id'] as string).sort(),
    rejects: result.rejects
      .map((entry) => ({ id: entry.record['_id'] as string, kind: entry.kind, reason: entry.reason, details: entry.details }))
      .sort((left, right) => (left.id < right.id ? -1 : 1)),
  };
}

describe.each([
  ['dedup:exact', exactDedupFilter, {}],
  ['dedup:minhash', minhashDedupFilter, {}],
  ['dedup:minhash (verify)', minhashDedupFilter, { verify: true }],
] as const)('%s through the engine', (reference, definition, options) => {
  it('keeps the same records and rejects the same ones for the same reasons at concurrency 1 and 64, in any order', async () => {
    const one = await runFilter(definition, { records: corpus, options, concurrency: 1, reference });
    const many = await runFilter(definition, { records: shuffled(corpus, 4), options, concurrency: 64, reference });
    expect(outcome(many)).toEqual(outcome(one));
    const { kept, rejects } = outcome(one);
    expect(kept.length + rejects.length).toBe(corpus.length);
    expect(rejects.length).toBeGreaterThan(20);
    const ids = new Set(corpus.map((record) => record['_id']));
    for (const reject of rejects) {
      const duplicateOf = String(reject.details?.['duplicate_of']);
      expect(reject.kind).toBe('filtered');
      expect(ids.has(duplicateOf) && duplicateOf < reject.id, `${reject.id} duplicates ${duplicateOf}`).toBe(true);
      expect(reject.reason).toContain(duplicateOf);
    }
    expect(one.report).toMatchObject({ records: corpus.length, duplicatesRemoved: rejects.length });
    expect(one.summary).toMatch(new RegExp(`^${rejects.length} of ${corpus.length} records were`));
  });
});

describe('dedup:semantic through the engine', () => {
  it('drops near-identical texts, with the embedding calls traced in _meta.calls', async () => {
    const embedder = new MockEmbeddingModelV1({ doEmbed: wordOverlapEmbedding });
    const records = [
      { _id: 'b', text: 'The cat sat on the warm mat by the door.' },
      { _id: 'a', text: 'the cat sat on the warm mat by the door' },
      { _id: 'c', text: 'Stock prices fell sharply after the announcement.' },
    ];
    const result = await runFilter(semanticDedupFilter, { records, options: { threshold: 0.95 }, embeddingModels: { embedder }, reference: 'dedup:semantic' });
    expect(result.kept.map((record) => record['_id']).sort()).toEqual(['a', 'c']);
    expect(result.rejects).toEqual([
      expect.objectContaining({ kind: 'filtered', reason: 'cosine 1.00 ≥ 0.95 with a', details: { duplicate_of: 'a' } }),
    ]);
    expect(embedder.doEmbedCalls).toEqual([records.map((record) => record.text)]);
    expect(result.calls).toEqual([expect.objectContaining({ stage: 'semantic', role: 'embedder', kind: 'embedding', model: 'mock:mock-embedding' })]);
    for (const record of result.kept) expect((record['_meta'] as { calls: unknown[] }).calls).toEqual(result.calls);
    expect(result.summary).toBe('1 of 3 records were semantic duplicates (cosine ≥ 0.95) of 1 record; 2 kept');
  });
});

describe('synthkit filter with the dedup filters', () => {
  it('keeps one record per group, writes the rejects beside the output naming the kept record, and sums each stage up', async () => {
    const project = await createTemporaryProject();
    try {
      const repository = resolve(import.meta.dirname, '../../..');
      await project.write('package.json', { name: 'my-data', private: true, dependencies: { '@synthkit/dedup': '0.1.0' } });
      await project.install('@synthkit/dedup', join(repository, 'plugins/dedup'));
      await project.install('@synthkit/core', join(repository, 'packages/core'));
      const document =
        'A market town wakes slowly. Bakers light their ovens before dawn, and the square smells of bread and wet stone by six. ' +
        'Farmers back their carts against the church wall and unload apples, onions and late plums while the children run errands.';
      const records = [
        { _id: 'r3', text: `  ${document.toUpperCase()}` },
        { _id: 'r1', text: document },
        { _id: 'r2', text: `${document} It rains.` },
        { _id: 'r4', text: 'Something else entirely, about rivers and boats and the people who row them.' },
      ];
      await project.write('data.jsonl', records.map((record) => JSON.stringify(record)).join('\n') + '\n');
      const io = captureIo(project.directory);
      const code = await main(['filter', 'data.jsonl', '--filter', 'dedup:exact', '--filter', 'dedup:minhash', '--out', 'kept.jsonl'], io);
      expect(io.errors()).toContain('Kept 2 of 4 records in kept.jsonl; dropped 2 (exact 1, minhash 1), in kept.rejects.jsonl.');
      expect(code).toBe(0);
      const lines = (text: string) => text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines(await readFile(join(project.directory, 'kept.jsonl'), 'utf8'))).toEqual([records[1]!, records[3]!].map(({ text }) => ({ text })));
      const rejects = lines(await readFile(join(project.directory, 'kept.rejects.jsonl'), 'utf8'));
      expect(rejects.map((reject) => [reject['stage'], (reject['record'] as { text: string }).text, reject['reason'], reject['details']])).toEqual([
        ['exact', records[0]!.text, 'same normalised text as r1', { duplicate_of: 'r1' }],
        ['minhash', records[2]!.text, expect.stringMatching(/^near duplicate of r1 \(shares LSH bands? /), { duplicate_of: 'r1' }],
      ]);
      expect(io.errors()).toContain('exact: 1 of 4 records were exact duplicates after normalisation (of 1 text); 3 kept');
    } finally {
      await project.remove();
    }
  });
});

describeFilterConformance({ name: 'dedup:exact', definition: exactDedupFilter, options: [{}, { normalize: false }] });
describeFilterConformance({
  name: 'dedup:minhash',
  definition: minhashDedupFilter,
  options: [{}, { verify: true }, { char_ngrams: 5, num_bands: 10, hashes_per_band: 2, verify: true, jaccard_threshold: 0.5 }],
});
describeFilterConformance({
  name: 'dedup:semantic',
  definition: semanticDedupFilter,
  options: [{}, { threshold: 0.5 }],
  embeddingModels: { embedder: new MockEmbeddingModelV1({ doEmbed: wordOverlapEmbedding }) },
});

// --- Internal helpers ---

/** In-memory streams for running the CLI's `main` in-process, with a cache of the project's own. */
function captureIo(cwd: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let errors = '';
  stdout.resume();
  stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  return { cwd, stdout, stderr, cacheDirectory: join(cwd, '.synthkit-cache'), errors: () => errors };
}
