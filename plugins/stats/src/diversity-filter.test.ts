import type { AggregateContextV1, AggregateItemV1, FilterEmbedRequestV1 } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { createDiversityFilter, diversityFilter } from './diversity-filter';

const records = Array.from({ length: 600 }, (_, index) => ({
  id: `r${String(index).padStart(4, '0')}`,
  text: index % 50 === 0 ? 'the same planted sentence, again and again' : `record ${index} talks about topic ${index % 37} in its own words`,
}));

/** Observes the records in the given order, in batches of `batchSize`, as the engine would. */
async function observeAll(filter: ReturnType<typeof createDiversityFilter>, order: ReadonlyArray<number>, batchSize: number, context = {} as AggregateContextV1) {
  const items: AggregateItemV1[] = order.map((recordIndex, index) => ({ index, id: records[recordIndex]!.id, text: records[recordIndex]!.text, record: { text: records[recordIndex]!.text } }));
  for (let start = 0; start < items.length; start += batchSize) await filter.observe(items.slice(start, start + batchSize), context);
}

/** A context whose embed call records its texts and embeds each text as [length, vowels]. */
function embeddingContext() {
  const requests: FilterEmbedRequestV1[] = [];
  const context = {
    async embed(request: FilterEmbedRequestV1) {
      requests.push(request);
      return { embeddings: request.texts.map((text) => [text.length, (text.match(/[aeiou]/g) ?? []).length]) };
    },
  } as unknown as AggregateContextV1;
  return { context, requests };
}

describe('stats:diversity', () => {
  it('is a pass-through aggregate filter whose report does not depend on the order or batching of its records', async () => {
    const forward = createDiversityFilter({ sample: 100 });
    expect([forward.kind, forward.passThrough, forward.verdicts]).toEqual(['aggregate', true, undefined]);
    await observeAll(forward, [...records.keys()], 256);
    const reversed = createDiversityFilter({ sample: 100 });
    await observeAll(reversed, [...records.keys()].reverse(), 7);
    const interleaved = createDiversityFilter({ sample: 100 });
    await observeAll(interleaved, [...records.keys()].sort((first, second) => (first % 3) - (second % 3) || first - second), 64);
    const report = forward.report();
    expect(reversed.report()).toEqual(report);
    expect(interleaved.report()).toEqual(report);
    expect(report.records).toBe(600);
    expect(report.sample).toEqual({ size: 100, limit: 100, seed: 0 });
    // 12 copies of one sentence among 600 records: the sample of 100 holds about 2.
    expect(report.nearDuplicates.rate).toBeLessThan(0.1);
    expect(report.embeddingSpread).toBeNull();
  });

  it('sums its report up in a few lines', async () => {
    const filter = createDiversityFilter({ sample: 20 });
    // Three copies of a 7-word sentence and three 10-word records that differ in one number.
    // distinct-1: 17 distinct of 51 words; distinct-2: 23 of 45.
    // Self-BLEU: 1 for each copy; 0.393 for each record (p1..p4 = 8/10, 5/9, 3/8, 1/7); mean 0.696.
    await observeAll(filter, [0, 1, 2, 3, 50, 100], 256);
    expect(filter.summary!()).toBe(
      [
        '6 records; median length 42 characters, 7 words',
        'distinct-1..4: 0.333 0.511 0.590 0.697',
        'sample of 6 (seed 0): self-BLEU 0.696, near duplicates 50.0%',
      ].join('\n'),
    );
  });

  it('embeds the texts entering its sample through the context, only with embeddings: true', async () => {
    expect(diversityFilter.embeddingModels).toEqual({ embedder: expect.any(String) });
    expect(diversityFilter.scoringRoles!(diversityFilter.options.parse({}))).toEqual([]);
    expect(diversityFilter.scoringRoles!(diversityFilter.options.parse({ embeddings: true }))).toEqual(['embedder']);

    const filter = createDiversityFilter({ sample: 50, embeddings: true });
    const { context, requests } = embeddingContext();
    await observeAll(filter, [...records.keys()], 100, context);
    // The first batch fills the sample (50 texts); later batches embed only the texts that entered it.
    expect(requests[0]!.texts).toHaveLength(50);
    const embedded = requests.reduce((sum, request) => sum + request.texts.length, 0);
    expect(embedded).toBeLessThan(200);
    const spread = filter.report().embeddingSpread!;
    expect(spread).toMatchObject({ embedded: 50, dimensions: 2 });
    expect(spread.meanPairwiseCosineDistance).toBeGreaterThan(0);

    // Without embeddings: true the context is never used.
    const plain = createDiversityFilter({ sample: 50 });
    await observeAll(plain, [...records.keys()], 100, {} as AggregateContextV1);
    expect(plain.report().embeddingSpread).toBeNull();
  });

  it('refuses unknown and impossible options, naming each', () => {
    expect(() => createDiversityFilter({ sampel: 10 } as never)).toThrow('unknown option "sampel"; valid options: sample, seed, embeddings, top, distinct_budget, near_duplicate_threshold');
    expect(() => createDiversityFilter({ sample: 0, near_duplicate_threshold: 2 })).toThrow(/sample: must be 1 or more\n {2}- near_duplicate_threshold: must be at most 1/);
    expect(diversityFilter.options.parse(undefined)).toEqual({ sample: 200, seed: 0, embeddings: false, top: 20, distinct_budget: 100_000, near_duplicate_threshold: 0.8 });
  });
});
