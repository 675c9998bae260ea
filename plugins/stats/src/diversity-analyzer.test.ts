import { describe, expect, it } from 'vitest';
import { createDiversityAnalyzer } from './diversity-analyzer';

const analyze = (texts: ReadonlyArray<string>, options: Parameters<typeof createDiversityAnalyzer>[0] = {}) => {
  const analyzer = createDiversityAnalyzer(options);
  for (const text of texts) analyzer.add(text);
  return analyzer.result();
};

describe('createDiversityAnalyzer', () => {
  it('counts distinct-n over lower-cased words, never across records (worked by hand)', () => {
    const metrics = analyze(['The cat sat', 'the CAT ran', '']);
    // Words: the cat sat | the cat ran. 1-grams: 6, distinct {the, cat, sat, ran} = 4.
    // 2-grams: the cat, cat sat, the cat, cat ran = 4, distinct 3. 3-grams: 2, distinct 2. 4-grams: none.
    expect(metrics.distinctNgrams).toEqual([
      { n: 1, distinct: 4, total: 6, ratio: 4 / 6, estimated: false },
      { n: 2, distinct: 3, total: 4, ratio: 3 / 4, estimated: false },
      { n: 3, distinct: 2, total: 2, ratio: 1, estimated: false },
      { n: 4, distinct: 0, total: 0, ratio: null, estimated: false },
    ]);
    expect(metrics.records).toBe(3);
    expect(metrics.topNgrams.bigrams).toEqual({
      ngrams: [
        { ngram: 'the cat', count: 2 },
        { ngram: 'cat ran', count: 1 },
        { ngram: 'cat sat', count: 1 },
      ],
      approximate: false,
    });
    expect(metrics.topNgrams.trigrams.ngrams.map((entry) => entry.ngram)).toEqual(['the cat ran', 'the cat sat']);
  });

  it('gives nearest-rank percentiles from an exact histogram, in characters (code points) and words', () => {
    // Texts of 1 to 10 words, each word "ab": 2 characters a word plus the spaces between.
    const texts = Array.from({ length: 10 }, (_, index) => Array.from({ length: index + 1 }, () => 'ab').join(' '));
    const { length } = analyze([...texts].reverse());
    expect(length.words).toEqual({ min: 1, p10: 1, p50: 5, p90: 9, max: 10, mean: 5.5, estimated: false });
    expect(length.characters).toEqual({ min: 2, p10: 2, p50: 14, p90: 26, max: 29, mean: 15.5, estimated: false });
    expect(analyze(['😀 x']).length.characters?.max).toBe(3);
    expect(analyze([]).length).toEqual({ characters: null, words: null });
  });

  it('marks a percentile past 65,535 characters as estimated, within 1.6% under the true length', () => {
    const { characters } = analyze(['x'.repeat(100_000), 'x'.repeat(100_000), 'short']).length;
    expect(characters).toMatchObject({ min: 5, max: 100_000, estimated: true });
    expect(characters!.p50).toBeLessThanOrEqual(100_000);
    expect(characters!.p50).toBeGreaterThan(100_000 * 0.984);
  });

  it('switches distinct-n to a HyperLogLog estimate past the exact budget, and says so', () => {
    const texts = Array.from({ length: 3000 }, (_, index) => `word${index} shared`);
    const exact = analyze(texts);
    expect(exact.distinctNgrams[0]).toEqual({ n: 1, distinct: 3001, total: 6000, ratio: 3001 / 6000, estimated: false });
    const estimated = analyze(texts, { distinctBudget: 100 });
    expect(estimated.distinctNgrams[0]).toMatchObject({ n: 1, total: 6000, estimated: true });
    expect(Math.abs(estimated.distinctNgrams[0]!.distinct - 3001) / 3001).toBeLessThan(0.03);
    // The bigrams (3,000 distinct) went over the budget too; nothing else changes.
    expect(estimated.distinctNgrams[1]).toMatchObject({ total: 3000, estimated: true });
    expect(estimated.records).toBe(exact.records);
  });

  it('keeps the heavy hitters of a long tail with a tiny top counter, marked approximate', () => {
    const texts = Array.from({ length: 500 }, (_, index) => (index % 2 === 0 ? `of the ${index}` : `x${index} y${index}`));
    const { bigrams } = analyze(texts, { topCapacity: 20, top: 1 }).topNgrams;
    expect(bigrams.approximate).toBe(true);
    expect(bigrams.ngrams[0]!.ngram).toBe('of the');
    expect(bigrams.ngrams[0]!.count).toBeGreaterThanOrEqual(250);
  });

  it('samples by seed and key only: the same sample in any order, another with another seed', () => {
    const texts = Array.from({ length: 1000 }, (_, index) => `text number ${index}`);
    const sampleOf = (order: ReadonlyArray<number>, seed: number) => {
      const analyzer = createDiversityAnalyzer({ sample: 50, seed });
      for (const index of order) analyzer.add(texts[index]!, `id-${index}`);
      return analyzer.sample().map((entry) => entry.key);
    };
    const forward = [...texts.keys()];
    const shuffled = [...forward].sort((first, second) => ((first * 7919) % 1000) - ((second * 7919) % 1000));
    const first = sampleOf(forward, 0);
    expect(first).toHaveLength(50);
    expect(new Set(first).size).toBe(50);
    expect(sampleOf([...forward].reverse(), 0)).toEqual(first);
    expect(sampleOf(shuffled, 0)).toEqual(first);
    const other = sampleOf(forward, 1);
    expect(other).not.toEqual(first);
    // Two independent samples of 5% share about 5% of their records.
    expect(other.filter((key) => first.includes(key)).length).toBeLessThan(15);
    // Without keys, positions key the sample: the same file gives the same sample.
    const positional = analyze(texts, { sample: 50 });
    expect(positional.sample).toEqual({ size: 50, limit: 50, seed: 0 });
    expect(analyze(texts.slice(0, 7), { sample: 50 }).sample.size).toBe(7);
  });

  it('measures self-BLEU and near duplicates on the sample', () => {
    const same = analyze(Array.from({ length: 5 }, () => 'one and the same sentence here'));
    expect(same.selfBleu).toBeCloseTo(1, 10);
    expect(same.nearDuplicates).toEqual({ rate: 1, records: 5, pairs: 10, threshold: 0.8, shingleSize: 5 });
    const disjoint = analyze(Array.from({ length: 5 }, (_, text) => Array.from({ length: 12 }, (_, word) => `w${text}x${word}`).join(' ')));
    expect(disjoint.selfBleu).toBeLessThan(0.05);
    expect(disjoint.nearDuplicates.rate).toBe(0);
    expect(analyze(['alone']).selfBleu).toBeNull();
  });

  it('reports embedding spread only for a sample given embeddings', () => {
    const analyzer = createDiversityAnalyzer();
    analyzer.add('north');
    analyzer.add('east');
    expect(analyzer.result().embeddingSpread).toBeNull();
    for (const entry of analyzer.sample()) analyzer.setEmbedding(entry, entry.text === 'north' ? [0, 1] : [1, 0]);
    const spread = analyzer.result().embeddingSpread!;
    expect(spread.meanPairwiseCosineDistance).toBeCloseTo(1, 12);
    expect(spread.meanCosineDistanceToCentroid).toBeCloseTo(1 - Math.SQRT1_2, 12);
    expect([spread.embedded, spread.dimensions]).toEqual([2, 2]);
  });

  it('refuses options it cannot use, naming them', () => {
    expect(() => createDiversityAnalyzer({ sample: 0 })).toThrow('sample must be a whole number, 1 or more, got 0.');
    expect(() => createDiversityAnalyzer({ nearDuplicateThreshold: 1.5 })).toThrow('nearDuplicateThreshold must be above 0 and at most 1, got 1.5.');
  });
});
