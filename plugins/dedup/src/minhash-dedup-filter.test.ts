import { InvalidArgumentError } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { createMinhashDedupFilter, minhashDedupFilter } from './minhash-dedup-filter';
import { jaccardSimilarity, shingleSet } from './minhash/shingle-set';
import { lshComponentMinima } from './test-support/lsh-component-oracle';
import { keptIds, verdictsById, type TestRecord } from './test-support/observe-in-order';
import { plantedCorpus } from './test-support/planted-corpus';
import { seededRandom, shuffled } from './test-support/seeded-random';

const document =
  'The river town woke slowly on market days. Before dawn the bakers lit their ovens, and by six the square smelled of bread ' +
  'and wet stone. Farmers backed their carts against the church wall and unloaded crates of apples, onions and late plums. ' +
  'Children ran between the stalls with errands they had already forgotten. At nine the mayor crossed the square to the ' +
  'town hall, nodding at everyone, buying nothing. By noon the crowd thinned, the prices fell, and the last buyers argued ' +
  'cheerfully over bruised fruit. In the afternoon the carts rolled home along the river road, lighter and louder than before.';
// One sentence changed: "Children ran between the stalls" → "Children raced among the stalls".
const nearCopy = document.replace('Children ran between the stalls', 'Children raced among the stalls');
const rewrite =
  'Market days in the river town began before sunrise, when bakers fired their ovens and the square filled with the smell of ' +
  'bread. Farmers parked carts by the church and sold apples, onions and plums; children ran errands; the mayor walked to ' +
  'the town hall at nine. Prices fell after noon, and by evening the carts went home along the river, lighter and louder.';

describe('dedup:minhash', () => {
  it('drops a near duplicate of a 600-character document and names the record it duplicates', async () => {
    expect(document.length).toBeGreaterThan(590);
    expect(jaccardSimilarity(shingleSet(document, 24), shingleSet(nearCopy, 24))).toBeGreaterThan(0.85);
    const verdicts = await verdictsById(createMinhashDedupFilter(), [
      { id: 'c4a1', text: nearCopy },
      { id: '3f2a', text: document },
      { id: '9b00', text: rewrite },
    ]);
    expect(verdicts.get('3f2a')).toEqual({ keep: true });
    expect(verdicts.get('9b00')).toEqual({ keep: true });
    const verdict = verdicts.get('c4a1')!;
    expect(verdict).toMatchObject({ keep: false, duplicateOf: '3f2a' });
    expect(verdict.keep === false && verdict.reason).toMatch(/^near duplicate of 3f2a \(shares LSH bands? [\d, andmore]+\)$/);
    expect(verdict.score).toBeGreaterThanOrEqual(1);
  });

  it('treats a text shorter than char_ngrams as one shingle, and empty texts as equal', async () => {
    const verdicts = await verdictsById(createMinhashDedupFilter(), [
      { id: 'b', text: 'short text' },
      { id: 'a', text: 'short text' },
      { id: 'c', text: 'short test' },
      { id: 'e', text: '' },
      { id: 'd', text: '' },
    ]);
    expect(Object.fromEntries([...verdicts].map(([id, verdict]) => [id, verdict.keep ? 'kept' : verdict.duplicateOf]))).toEqual({
      a: 'kept',
      b: 'a',
      c: 'kept',
      d: 'kept',
      e: 'd',
    });
  });

  it("with verify and grouping: 'bucket', keeps a candidate whose Jaccard similarity is below the threshold, with that similarity as score", async () => {
    // One hash per band makes records sharing any single MinHash value candidates.
    const options = { num_bands: 40, hashes_per_band: 1, verify: true, grouping: 'bucket' } as const;
    const similarity = jaccardSimilarity(shingleSet(document, 24), shingleSet(rewrite, 24));
    const verdicts = await verdictsById(createMinhashDedupFilter({ ...options, char_ngrams: 5 }), [
      { id: 'a', text: document },
      { id: 'b', text: rewrite },
      { id: 'c', text: nearCopy },
    ]);
    expect(verdicts.get('a')).toEqual({ keep: true });
    expect(verdicts.get('b')).toEqual({ keep: true, score: jaccardSimilarity(shingleSet(document, 5), shingleSet(rewrite, 5)) });
    expect(similarity).toBeLessThan(0.5);
    const near = verdicts.get('c')!;
    expect(near.keep === false && near.reason).toMatch(/^near duplicate of a \(shares LSH bands [\d, andmore]+; Jaccard 0\.\d\d ≥ 0\.8\)$/);
    expect(near.score).toBe(jaccardSimilarity(shingleSet(document, 5), shingleSet(nearCopy, 5)));
  });

  it('reports its counts and sums them up in one line', async () => {
    const filter = createMinhashDedupFilter({ verify: true });
    await verdictsById(filter, [
      { id: 'b', text: document },
      { id: 'a', text: document },
      { id: 'c', text: nearCopy },
      { id: 'd', text: rewrite },
    ]);
    expect(filter.report()).toMatchObject({
      records: 4,
      duplicatesRemoved: 2,
      groups: 1,
      falsePositives: 0,
      charNgrams: 24,
      numBands: 20,
      hashesPerBand: 13,
      verify: true,
      grouping: 'components',
      passes: 2,
      converged: true,
    });
    expect(filter.report().candidatePairs).toBeGreaterThanOrEqual(21);
    expect(filter.summary()).toBe('2 of 4 records were near duplicates (of 1 record, 0 candidates failed the Jaccard check); 2 kept');
  });

  it('has NeMo Curator’s defaults and refuses options it cannot use', () => {
    expect(minhashDedupFilter.options.parse(undefined)).toEqual({
      char_ngrams: 24,
      num_bands: 20,
      hashes_per_band: 13,
      seed: 42,
      verify: false,
      jaccard_threshold: 0.8,
      grouping: 'components',
      max_passes: 64,
    });
    expect(() => createMinhashDedupFilter({ grouping: 'union' } as never)).toThrow(/grouping: must be 'components' \(NeMo's connected components\) or 'bucket'/);
    expect(() => createMinhashDedupFilter({ max_passes: 1 })).toThrow(/max_passes: must be 2 or more/);
    expect(() => createMinhashDedupFilter({ num_band: 10 } as never)).toThrow(InvalidArgumentError);
    expect(() => createMinhashDedupFilter({ num_bands: 200, hashes_per_band: 100 })).toThrow(/hashes_per_band: num_bands × hashes_per_band is 20000; at most 10000/);
    expect(() => createMinhashDedupFilter({ jaccard_threshold: 1.5 })).toThrow(/jaccard_threshold: must be 1 or less/);
    expect(() => createMinhashDedupFilter({ char_ngrams: 0 })).toThrow(/char_ngrams: must be 1 or more/);
  });
});

describe("dedup:minhash grouping: 'components' (the default) against 'bucket'", () => {
  // Three texts of 20 segments, each two segments further along: A ~ B and B ~ C share LSH buckets
  // (Jaccard 0.80), A and C do not (0.64). Ids: A < C < B.
  const [a, b, c] = [chainText(0), chainText(2), chainText(4)];
  const chain: TestRecord[] = [
    { id: 'c0', text: b },
    { id: 'a0', text: a },
    { id: 'b0', text: c },
  ];

  it('A ~ B ~ C with A ≁ C: components keeps only A, naming A for C through the chain; bucket keeps A and C', async () => {
    expect(lshComponentMinima([chain[1]!, chain[2]!]).get('b0')).toBe('b0'); // A and C share no bucket
    expect(jaccardSimilarity(shingleSet(a, 24), shingleSet(c, 24))).toBeLessThan(0.7);
    const components = await verdictsById(createMinhashDedupFilter(), chain);
    expect(keptIds(components)).toEqual(['a0']);
    expect(components.get('c0')).toMatchObject({ keep: false, duplicateOf: 'a0', reason: expect.stringMatching(/^near duplicate of a0 \(shares LSH bands? [\d, andmore]+\)$/) });
    expect(components.get('b0')).toEqual({ keep: false, duplicateOf: 'a0', reason: 'near duplicate of a0 (connected through LSH buckets to a0, sharing no band with it)', score: 0 });
    const bucket = await verdictsById(createMinhashDedupFilter({ grouping: 'bucket' }), chain);
    expect(keptIds(bucket)).toEqual(['a0', 'b0']);
    expect(bucket.get('c0')).toMatchObject({ keep: false, duplicateOf: 'a0' });
  });

  it('with verify, gives the Jaccard similarity with the kept record, also through the chain', async () => {
    const filter = createMinhashDedupFilter({ verify: true, jaccard_threshold: 0.75 });
    const verdicts = await verdictsById(filter, chain);
    expect(keptIds(verdicts)).toEqual(['a0']);
    const through = jaccardSimilarity(shingleSet(c, 24), shingleSet(a, 24));
    expect(verdicts.get('b0')).toEqual({
      keep: false,
      duplicateOf: 'a0',
      reason: `near duplicate of a0 (connected through verified LSH buckets to a0, sharing no band with it; Jaccard ${through.toFixed(2)} with it)`,
      score: through,
    });
    // Above both links' similarity, no link is verified: all three stay.
    expect(keptIds(await verdictsById(createMinhashDedupFilter({ verify: true, jaccard_threshold: 0.9 }), chain))).toEqual(['a0', 'b0', 'c0']);
  });

  it('keeps, for every record, exactly the smallest _id of its connected component (an in-memory union-find as oracle), with or without verify', async () => {
    const corpus = plantedCorpus({ seed: 4, bases: 150, nearCopies: 3 });
    const small = { sortBufferBytes: 4096, mergeFanIn: 4 };
    for (const verify of [false, true]) {
      const oracle = lshComponentMinima(corpus, verify ? { jaccardThreshold: 0.8 } : {});
      const verdicts = await verdictsById(createMinhashDedupFilter({ verify }, small), shuffled(corpus, 5), { batchSize: 50 });
      for (const record of corpus) {
        const verdict = verdicts.get(record.id)!;
        expect(verdict.keep ? record.id : verdict.duplicateOf, record.id).toBe(oracle.get(record.id));
      }
    }
  });

  it('follows a chain of 60 texts until it converges, or stops at max_passes and says so', async () => {
    // Text i starts i segments along. The two smallest _ids are at the two ends (n000 and n001), so
    // the smallest must travel the chain's length to reach the other end.
    const idAt = (index: number) => (index === 0 ? 'n000' : index === 59 ? 'n001' : `n${String(index + 1).padStart(3, '0')}`);
    const texts: TestRecord[] = Array.from({ length: 60 }, (_, index) => ({ id: idAt(index), text: chainText(index) }));
    expect(new Set(lshComponentMinima(texts).values())).toEqual(new Set(['n000']));
    const filter = createMinhashDedupFilter({}, { sortBufferBytes: 4096, mergeFanIn: 3 });
    const verdicts = await verdictsById(filter, shuffled(texts, 7));
    expect(keptIds(verdicts)).toEqual(['n000']);
    const { passes, converged } = filter.report();
    expect(converged).toBe(true);
    expect(passes).toBeGreaterThan(10);
    expect(jaccardSimilarity(shingleSet(texts[0]!.text, 24), shingleSet(texts[59]!.text, 24))).toBe(0); // chains over-remove

    const capped = createMinhashDedupFilter({ max_passes: 3 });
    const cappedVerdicts = await verdictsById(capped, texts);
    expect(capped.report()).toMatchObject({ passes: 3, converged: false });
    expect(keptIds(cappedVerdicts)).toEqual(['n000', 'n001']);
    expect(keptIds(await verdictsById(createMinhashDedupFilter({ grouping: 'bucket' }), texts))).toEqual(['n000', 'n001']);
    for (const [id, verdict] of cappedVerdicts) if (!verdict.keep) expect(verdict.duplicateOf! < id).toBe(true);
    expect(capped.summary()).toMatch(/; grouping stopped at max_passes 3 before it converged, so some groups may keep more than one record$/);
  });
});

// --- Internal helpers ---

/** 80 segments of three pseudo-words; {@link chainText} reads 20 of them from `start`. */
const chainSegments = (() => {
  const random = seededRandom(5);
  const letter = (letters: string) => letters[Math.floor(random() * letters.length)]!;
  const word = () => letter('bcdfghjklmnprstvz') + letter('aeiou') + letter('bcdfghjklmnprstvz');
  return Array.from({ length: 80 }, () => [word(), word(), word()].join(' '));
})();

/** Segments `start` to `start + 19`: texts one segment apart have Jaccard ~0.89, two apart ~0.80. */
function chainText(start: number): string {
  return chainSegments.slice(start, start + 20).join(' ');
}
