import { InvalidArgumentError } from '@synthkit/core';
import type { DiversityMetrics, DistinctNgrams, TopNgrams } from './diversity-metrics';
import { embeddingSpread } from './metrics/embedding-spread';
import { nearDuplicateRate } from './metrics/near-duplicate-rate';
import { selfBleu } from './metrics/self-bleu';
import { DistinctCounter } from './sketches/distinct-counter';
import { hashWordLanes, hashWordSequence } from './sketches/hash-text';
import { LengthHistogram } from './sketches/length-histogram';
import { SeededSample, type SampledText } from './sketches/seeded-sample';
import { SpaceSavingCounter } from './sketches/space-saving-counter';
import { countCodePoints } from './text/count-code-points';
import { lowerCaseWords } from './text/lower-case-words';

/** Options of {@link createDiversityAnalyzer}. Every one has a default. */
export interface DiversityAnalyzerOptions {
  /** Records in the seeded sample that self-BLEU, near duplicates and embedding spread use. Default 200. */
  readonly sample?: number;
  /** Seed of the sample: the same seed and records give the same sample, in any order. Default 0. */
  readonly seed?: number;
  /** Bigrams and trigrams listed among the most frequent. Default 20. */
  readonly top?: number;
  /**
   * Distinct n-grams counted exactly, per n; past it distinct-n becomes a HyperLogLog estimate
   * (`estimated: true`). Memory: about 40 bytes per n-gram per n. Default 100,000.
   */
  readonly distinctBudget?: number;
  /**
   * Bigrams (and, apart, trigrams) the bounded top n-gram counter holds; past it counts become
   * approximate (`approximate: true`). Default 10,000.
   */
  readonly topCapacity?: number;
  /** Jaccard similarity of character shingles at or above which two sampled texts are near duplicates. Default 0.8. */
  readonly nearDuplicateThreshold?: number;
  /** Characters per shingle for near duplicates. Default 5. */
  readonly shingleSize?: number;
  /** The field the texts come from, written in the result for the reader. Default: not written. */
  readonly field?: string;
}

/**
 * A streaming diversity analyser: feed it texts with {@link DiversityAnalyzer.add}, read the
 * metrics with {@link DiversityAnalyzer.result} (any time, as often as wanted).
 */
export interface DiversityAnalyzer {
  /**
   * Measures one text.
   *
   * @param key identifies the text for the seeded sample: pass the record's `_id` when the order
   *   records arrive in may vary (a run), so the same records give the same sample. Default: the
   *   text's position among those added, from 0.
   */
  add(text: string, key?: string): void;
  /** Texts added so far. */
  readonly records: number;
  /**
   * The texts the sample holds now, by priority. Texts may still leave it while more are added;
   * call it after the last `add` for the final sample.
   */
  sample(): ReadonlyArray<SampledText>;
  /** Gives a sampled text its embedding, for the embedding spread (one vector per text, all of one size). */
  setEmbedding(entry: SampledText, embedding: ReadonlyArray<number>): void;
  /** The metrics of what was added so far. */
  result(): DiversityMetrics;
}

/**
 * Creates a diversity analyser whose memory does not grow with the number of records, for
 * datasets of millions of records. What it keeps, and when a figure becomes an estimate:
 *
 * - record count, n-gram totals, minimum, maximum and mean lengths: counters, always exact;
 * - length percentiles: exact histograms (buckets 1/64 wide past 65,535, marked `estimated`);
 * - distinct n-grams, n = 1..4: exact sets of n-gram hashes up to `distinctBudget` each, then a
 *   HyperLogLog sketch (16 KiB, about 0.8% error), marked `estimated: true`;
 * - top bigrams and trigrams: Space-Saving counters of `topCapacity` entries, exact until one
 *   overflows, then marked `approximate: true`;
 * - self-BLEU, near-duplicate rate, embedding spread: computed exactly on a seeded sample of
 *   `sample` texts (bottom-k reservoir sampling on the seeded hash of each text's key).
 *
 * Words are the text lower-cased and split on whitespace; n-grams never span two texts.
 */
export function createDiversityAnalyzer(options: DiversityAnalyzerOptions = {}): DiversityAnalyzer {
  const sampleSize = checkedInteger(options.sample ?? 200, 'sample', 1);
  const seed = checkedInteger(options.seed ?? 0, 'seed', 0);
  const top = checkedInteger(options.top ?? 20, 'top', 0);
  const distinctBudget = checkedInteger(options.distinctBudget ?? 100_000, 'distinctBudget', 0);
  const topCapacity = checkedInteger(options.topCapacity ?? 10_000, 'topCapacity', 1);
  const threshold = options.nearDuplicateThreshold ?? 0.8;
  if (!(threshold > 0 && threshold <= 1)) {
    throw new InvalidArgumentError({ argument: 'nearDuplicateThreshold', message: `nearDuplicateThreshold must be above 0 and at most 1, got ${threshold}.` });
  }
  const shingleSize = checkedInteger(options.shingleSize ?? 5, 'shingleSize', 1);

  const characters = new LengthHistogram();
  const wordLengths = new LengthHistogram();
  const distinct = Array.from({ length: maxOrder }, () => new DistinctCounter(distinctBudget));
  const totals = new Array<number>(maxOrder).fill(0);
  const bigrams = new SpaceSavingCounter(topCapacity);
  const trigrams = new SpaceSavingCounter(topCapacity);
  const sample = new SeededSample(sampleSize, seed);
  let firstLanes = new Int32Array(256);
  let secondLanes = new Int32Array(256);
  let records = 0;

  return {
    add(text, key) {
      sample.add(key ?? String(records), text);
      records++;
      characters.add(countCodePoints(text));
      const words = lowerCaseWords(text);
      wordLengths.add(words.length);
      if (words.length > firstLanes.length) {
        firstLanes = new Int32Array(words.length * 2);
        secondLanes = new Int32Array(words.length * 2);
      }
      hashWordLanes(words, firstLanes, secondLanes);
      for (let order = 1; order <= maxOrder; order++) {
        const counter = distinct[order - 1]!;
        for (let start = 0; start + order <= words.length; start++) {
          const hash = hashWordSequence(firstLanes, secondLanes, start, order);
          counter.add(hash);
          totals[order - 1]!++;
          if (order === 2) bigrams.add(hash, () => `${words[start]} ${words[start + 1]}`);
          else if (order === 3) trigrams.add(hash, () => `${words[start]} ${words[start + 1]} ${words[start + 2]}`);
        }
      }
    },
    get records() {
      return records;
    },
    sample: () => sample.entries(),
    setEmbedding(entry, embedding) {
      entry.embedding = embedding;
    },
    result() {
      const sampled = sample.entries();
      const duplicates = nearDuplicateRate(
        sampled.map((entry) => entry.text),
        { threshold, shingleSize },
      );
      const embeddings = sampled.flatMap((entry) => (entry.embedding == null ? [] : [entry.embedding]));
      return {
        ...(options.field == null ? {} : { field: options.field }),
        records,
        length: { characters: characters.distribution(), words: wordLengths.distribution() },
        distinctNgrams: distinct.map((counter, index): DistinctNgrams => {
          const { distinct: count, estimated } = counter.count();
          const total = totals[index]!;
          // An estimate can overshoot a little; there are never more distinct n-grams than n-grams.
          const distinctCount = Math.min(count, total);
          return { n: index + 1, distinct: distinctCount, total, ratio: total === 0 ? null : distinctCount / total, estimated };
        }),
        sample: { size: sampled.length, limit: sampleSize, seed },
        selfBleu: selfBleu(sampled.map((entry) => lowerCaseWords(entry.text))),
        nearDuplicates: { rate: duplicates.rate, records: duplicates.withNearDuplicate, pairs: duplicates.pairs, threshold, shingleSize },
        topNgrams: { bigrams: topOf(bigrams, top), trigrams: topOf(trigrams, top) },
        embeddingSpread: embeddings.length === 0 ? null : embeddingSpread(embeddings),
      };
    },
  };
}

// --- Internal helpers ---

const maxOrder = 4;

function topOf(counter: SpaceSavingCounter, limit: number): TopNgrams {
  return { ngrams: counter.top(limit).map(({ label, count }) => ({ ngram: label, count })), approximate: counter.overflowed };
}

function checkedInteger(value: number, name: string, minimum: number): number {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new InvalidArgumentError({ argument: name, message: `${name} must be a whole number, ${minimum} or more, got ${value}.` });
  }
  return value;
}
