import { InvalidArgumentError } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { createMinhashDedupFilter, minhashDedupFilter } from './minhash-dedup-filter';
import { jaccardSimilarity, shingleSet } from './minhash/shingle-set';
import { verdictsById } from './test-support/observe-in-order';

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

  it('with verify, keeps a candidate whose Jaccard similarity is below the threshold, with that similarity as score', async () => {
    // One hash per band makes records sharing any single MinHash value candidates.
    const options = { num_bands: 40, hashes_per_band: 1, verify: true };
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
    expect(filter.report()).toMatchObject({ records: 4, duplicatesRemoved: 2, groups: 1, falsePositives: 0, charNgrams: 24, numBands: 20, hashesPerBand: 13, verify: true });
    expect(filter.report().candidatePairs).toBeGreaterThanOrEqual(21);
    expect(filter.summary()).toBe('2 of 4 records were near duplicates (of 1 record, 0 candidates failed the Jaccard check); 2 kept');
  });

  it('has NeMo Curator’s defaults and refuses options it cannot use', () => {
    expect(minhashDedupFilter.options.parse(undefined)).toEqual({ char_ngrams: 24, num_bands: 20, hashes_per_band: 13, seed: 42, verify: false, jaccard_threshold: 0.8 });
    expect(() => createMinhashDedupFilter({ num_band: 10 } as never)).toThrow(InvalidArgumentError);
    expect(() => createMinhashDedupFilter({ num_bands: 200, hashes_per_band: 100 })).toThrow(/hashes_per_band: num_bands × hashes_per_band is 20000; at most 10000/);
    expect(() => createMinhashDedupFilter({ jaccard_threshold: 1.5 })).toThrow(/jaccard_threshold: must be 1 or less/);
    expect(() => createMinhashDedupFilter({ char_ngrams: 0 })).toThrow(/char_ngrams: must be 1 or more/);
  });
});
