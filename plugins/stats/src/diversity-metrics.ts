import type { LengthDistribution } from './sketches/length-histogram';

/**
 * What a diversity analysis found, as JSON: what `createDiversityAnalyzer(...).result()` returns,
 * `stats:diversity` reports in `run.json`, and `synthkit stats --json` prints. Each field is
 * described in the package README. Ratios are in [0, 1]; absent measures are null.
 */
export type DiversityMetrics = {
  /** The field measured, when the caller named it (`synthkit stats --field`). */
  field?: string;
  /** Records measured (all of them, not only the sample). */
  records: number;
  /** Length distributions over all records: exact histograms (see {@link LengthDistribution}). */
  length: {
    /** In characters (Unicode code points). Null for no record. */
    characters: LengthDistribution | null;
    /** In words (runs of non-whitespace). Null for no record. */
    words: LengthDistribution | null;
  };
  /** distinct-n for n = 1, 2, 3, 4, in that order, over all records. */
  distinctNgrams: DistinctNgrams[];
  /** The seeded sample the pairwise measures below use. */
  sample: {
    /** Records in it: the requested size, or every record when there are fewer. */
    size: number;
    /** Most records it holds (the `sample` option). */
    limit: number;
    seed: number;
  };
  /** Mean BLEU-4 of each sampled text against the other sampled texts; null under two texts with words. */
  selfBleu: number | null;
  /** Near duplicates in the sample, compared pairwise and exactly. */
  nearDuplicates: {
    /** Share of sampled records with another sampled record at or above the threshold; null for an empty sample. */
    rate: number | null;
    /** Sampled records that have a near duplicate in the sample. */
    records: number;
    /** Pairs of sampled records at or above the threshold. */
    pairs: number;
    /** Jaccard similarity counted as near duplicate. */
    threshold: number;
    /** Characters per shingle. */
    shingleSize: number;
  };
  /** The most frequent word bigrams and trigrams over all records. */
  topNgrams: {
    bigrams: TopNgrams;
    trigrams: TopNgrams;
  };
  /** Spread of the sample's embeddings; null unless an embedding model embedded the sample. */
  embeddingSpread: {
    meanPairwiseCosineDistance: number;
    meanCosineDistanceToCentroid: number;
    embedded: number;
    dimensions: number;
  } | null;
  /** Per-stage pass rates of the run that made the records (from its rejects.jsonl); absent when not measured. */
  passRates?: PassRates;
};

/** distinct-n for one n. */
export type DistinctNgrams = {
  n: number;
  /** Distinct n-grams: exact (over 53-bit hashes) unless `estimated`. */
  distinct: number;
  /** All n-grams, exact. An n-gram never spans two records. */
  total: number;
  /** `distinct / total`, or null when there is no n-gram. */
  ratio: number | null;
  /** True once the distinct n-grams outgrew the exact budget: `distinct` is then a HyperLogLog estimate. */
  estimated: boolean;
};

/** The most frequent n-grams of one order. */
export type TopNgrams = {
  /** Highest count first, ties by text. */
  ngrams: Array<{ ngram: string; count: number }>;
  /**
   * True once the bounded counter overflowed: the list is then the Space-Saving one, whose counts are
   * upper bounds (over the true count by at most the smallest count it held).
   */
  approximate: boolean;
};

/** How many records each stage of a run let through, from its rejects.jsonl (and run.json). */
export type PassRates = {
  /** Stages that dropped at least one record, in the run's stage order (by `reached`, largest first, without run.json). */
  stages: StagePassRate[];
};

/** One stage's pass rate. */
export type StagePassRate = {
  stage: string;
  /** Its entries in rejects.jsonl. */
  rejected: number;
  /** Entries by kind: `filtered` (a filter dropped it), `rejected` (a task dropped it), `failed`. */
  kinds: { filtered: number; rejected: number; failed: number };
  /** Records that reached the stage (see `reachedFrom`). */
  reached: number;
  /**
   * Where `reached` comes from: `run.json` (the stage's `received` count), or `kept-and-later` when
   * run.json was missing, from a resumed run, or without the stage: the records kept, plus those
   * rejected at this stage, plus those rejected at a later stage whose `_meta` shows they passed this
   * one. Records without `_meta` (such as `synthkit filter` writes) count only at their own stage.
   */
  reachedFrom: 'run.json' | 'kept-and-later';
  /** `(reached − rejected) / reached`, or null when nothing reached it. */
  passRate: number | null;
};
