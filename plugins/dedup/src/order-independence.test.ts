import type { AggregateContextV1, AggregateFilterV1, AggregateVerdictV1 } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { createExactDedupFilter } from './exact-dedup-filter';
import { createMinhashDedupFilter } from './minhash-dedup-filter';
import { createSemanticDedupFilter } from './semantic-dedup-filter';
import type { DedupStorageOptions } from './storage/dedup-storage-options';
import { verdictsById } from './test-support/observe-in-order';
import { plantedCorpus } from './test-support/planted-corpus';
import { shuffled } from './test-support/seeded-random';
import { wordOverlapEmbedding } from '@synthkit/testkit';

const corpus = plantedCorpus({ seed: 21, bases: 120, nearCopies: 2 });
const embedContext: Partial<AggregateContextV1> = {
  embed: async ({ texts }) => ({ embeddings: texts.map((text) => wordOverlapEmbedding(text)) }),
};
/** Buffers so small that every sort spills many runs and merges them in several rounds. */
const tinyStorage: DedupStorageOptions = { sortBufferBytes: 2048, mergeFanIn: 3 };

const filters: Array<[string, (storage?: DedupStorageOptions) => AggregateFilterV1]> = [
  ['dedup:exact', (storage) => createExactDedupFilter({}, storage)],
  ['dedup:exact (normalize: false)', (storage) => createExactDedupFilter({ normalize: false }, storage)],
  ['dedup:minhash (components)', (storage) => createMinhashDedupFilter({}, storage)],
  ['dedup:minhash (components, verify)', (storage) => createMinhashDedupFilter({ verify: true }, storage)],
  ['dedup:minhash (components, max_passes 2)', (storage) => createMinhashDedupFilter({ max_passes: 2 }, storage)],
  ['dedup:minhash (bucket)', (storage) => createMinhashDedupFilter({ grouping: 'bucket' }, storage)],
  ['dedup:minhash (bucket, verify)', (storage) => createMinhashDedupFilter({ grouping: 'bucket', verify: true }, storage)],
  ['dedup:semantic', (storage) => createSemanticDedupFilter({ threshold: 0.8 }, storage)],
];

describe.each(filters)('%s', (_name, create) => {
  it('gives every record the same verdict in any order, batch size and buffer size', async () => {
    const sorted = (verdicts: Map<string, AggregateVerdictV1>) => [...verdicts].sort(([left], [right]) => (left < right ? -1 : 1));
    const reference = sorted(await verdictsById(create(), corpus, { context: embedContext }));
    expect(reference.filter(([, verdict]) => !verdict.keep).length).toBeGreaterThan(40);
    const runs = [
      { order: shuffled(corpus, 1), batchSize: 256 },
      { order: shuffled(corpus, 2), batchSize: 1 },
      { order: shuffled(corpus, 3), batchSize: 37, storage: tinyStorage },
      { order: [...corpus].reverse(), batchSize: 256, storage: tinyStorage },
    ];
    for (const { order, batchSize, storage } of runs) {
      expect(sorted(await verdictsById(create(storage), order, { batchSize, context: embedContext }))).toEqual(reference);
    }
  });
});
