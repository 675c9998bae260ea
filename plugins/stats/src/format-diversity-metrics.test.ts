import { describe, expect, it } from 'vitest';
import type { DiversityMetrics } from './diversity-metrics';
import { formatDiversityMetrics } from './format-diversity-metrics';

const metrics: DiversityMetrics = {
  field: 'revision',
  records: 12_345,
  length: {
    characters: { min: 12, p10: 40, p50: 412, p90: 900, max: 70_000, mean: 430.25, estimated: false },
    words: { min: 2, p10: 8, p50: 71, p90: 150, max: 9000, mean: 74.125, estimated: false },
  },
  distinctNgrams: [
    { n: 1, distinct: 3456, total: 98_765, ratio: 3456 / 98_765, estimated: false },
    { n: 2, distinct: 45_000, total: 86_420, ratio: 45_000 / 86_420, estimated: false },
    { n: 3, distinct: 70_123, total: 74_075, ratio: 70_123 / 74_075, estimated: true },
    { n: 4, distinct: 60_000, total: 61_730, ratio: 60_000 / 61_730, estimated: true },
  ],
  sample: { size: 200, limit: 200, seed: 0 },
  selfBleu: 0.2314,
  nearDuplicates: { rate: 0.035, records: 7, pairs: 4, threshold: 0.8, shingleSize: 5 },
  topNgrams: {
    bigrams: { ngrams: [{ ngram: 'of the', count: 1234 }, { ngram: 'in a', count: 98 }], approximate: true },
    trigrams: { ngrams: [], approximate: false },
  },
  embeddingSpread: { meanPairwiseCosineDistance: 0.41234, meanCosineDistanceToCentroid: 0.301, embedded: 200, dimensions: 3 },
  passRates: {
    stages: [
      { stage: 'word-count', rejected: 8, kinds: { filtered: 8, rejected: 0, failed: 0 }, reached: 36, reachedFrom: 'run.json', passRate: 28 / 36 },
      { stage: 'banned', rejected: 1, kinds: { filtered: 1, rejected: 0, failed: 0 }, reached: 18, reachedFrom: 'kept-and-later', passRate: 17 / 18 },
    ],
  },
};

describe('formatDiversityMetrics', () => {
  it('renders every section in aligned columns', () => {
    expect(formatDiversityMetrics(metrics)).toBe(`Diversity of 12,345 records (field revision)

Length        min  p10  p50  p90     max   mean
  characters   12   40  412  900  70,000  430.3
  words         2    8   71  150   9,000   74.1

Distinct n-grams  distinct   total  ratio
  distinct-1         3,456  98,765  0.035
  distinct-2        45,000  86,420  0.521
  distinct-3        70,123  74,075  0.947  estimated
  distinct-4        60,000  61,730  0.972  estimated

Sample of 200 records (seed 0)
  self-BLEU         0.231  BLEU-4 against the rest of the sample; higher = less diverse
  near duplicates    3.5%  7 records in 4 pairs at Jaccard ≥ 0.8 (character 5-grams)
  embedding spread  0.412  mean pairwise cosine distance; 0.301 to the centroid (200 embeddings)

Top bigrams  count (approximate)
  of the                   1,234
  in a                        98

Top trigrams: none

Pass rates    rejected  reached  pass rate
  word-count         8       36      77.8%
  banned             1      18*      94.4%
  * records kept + rejected at or after the stage (no run.json counts for it)
`);
  });

  it('shows - for what could not be measured', () => {
    const empty = formatDiversityMetrics({ ...metrics, length: { characters: null, words: null }, selfBleu: null, embeddingSpread: null });
    expect(empty).toContain('  characters    -    -    -    -    -     -');
    expect(empty).toContain('  self-BLEU           -  BLEU-4');
    expect(empty).not.toContain('embedding spread');
  });
});
