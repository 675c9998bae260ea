import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  defineAggregateFilter,
  type AggregateContextV1,
  type AggregateFilterV1,
  type AggregateItemV1,
  type AggregateVerdictV1,
  type JsonRecord,
} from '@synthkit/core';
import { z } from 'zod';
import { checkObservedIndex } from './internal/check-observed-index';
import { createDedupFilter } from './internal/create-dedup-filter';
import { openDedupWorkspace, type DedupWorkspace } from './internal/dedup-workspace';
import { formatCount } from './internal/format-count';
import { formatSimilarity } from './internal/format-similarity';
import { strictOptionsObject } from './internal/strict-options-object';
import { MinhashSigner } from './minhash/minhash-signer';
import { jaccardSimilarity, shingleSet } from './minhash/shingle-set';
import { AppendOnlyStringStore } from './storage/append-only-string-store';
import { sorterSizes, type DedupStorageOptions } from './storage/dedup-storage-options';
import { DistinctValueCounter } from './storage/distinct-value-counter';
import { ExternalSorter, type SortedRecordReader } from './storage/external-sorter';
import { compareRecordIds } from './storage/compare-record-ids';
import { compareIdPrefixes, compareIds, idPrefixWords, writeIdPrefix } from './storage/id-prefix';

/** Options of `dedup:minhash`; the defaults are NeMo Curator's fuzzy dedup defaults. */
export interface MinhashDedupFilterOptions {
  /** Characters (UTF-16 code units) per shingle. Default 24 (NeMo's `char_ngrams`; it warns below 20 of ~5% false positives). */
  readonly char_ngrams?: number;
  /** LSH bands. Default 20 (NeMo's `num_buckets` / `num_bands`). */
  readonly num_bands?: number;
  /** MinHash values per band. Default 13 (NeMo's `hashes_per_bucket` / `minhashes_per_band`): 260 values in all. */
  readonly hashes_per_band?: number;
  /** Seed of the hash family. Default 42 (NeMo's). */
  readonly seed?: number;
  /**
   * Check each candidate's Jaccard similarity on the shingle sets before dropping (NeMo's
   * `false_positive_check`); costs reading both texts back from disk per candidate. Default false.
   */
  readonly verify?: boolean;
  /** Least Jaccard similarity of a verified near duplicate. Default 0.8 (NeMo's). Used only with `verify`. */
  readonly jaccard_threshold?: number;
}

/** What `dedup:minhash` found, as written under its stage in `run.json`. */
export interface MinhashDedupReport extends JsonRecord {
  readonly records: number;
  /** Records dropped as near duplicates of a record with a smaller `_id`. */
  readonly duplicatesRemoved: number;
  /** Distinct records the dropped ones were matched to. */
  readonly groups: number;
  /** (record, smaller `_id` sharing an LSH bucket with it) pairs found, one per band. */
  readonly candidatePairs: number;
  /** With `verify`: candidates whose Jaccard similarity was below the threshold (kept apart). */
  readonly falsePositives: number;
  readonly charNgrams: number;
  readonly numBands: number;
  readonly hashesPerBand: number;
  readonly verify: boolean;
}

const minhashDedupOptionsSchema: z.ZodType<Required<MinhashDedupFilterOptions>, MinhashDedupFilterOptions | undefined> = strictOptionsObject({
  char_ngrams: z
    .int({ error: 'must be a whole number of characters, e.g. 24' })
    .min(1, { error: 'must be 1 or more' })
    .default(24)
    .describe('Characters per shingle (NeMo char_ngrams).'),
  num_bands: z
    .int({ error: 'must be a whole number of bands, e.g. 20' })
    .min(1, { error: 'must be 1 or more' })
    .max(1000, { error: 'must be at most 1000' })
    .default(20)
    .describe('LSH bands (NeMo num_buckets).'),
  hashes_per_band: z
    .int({ error: 'must be a whole number of hashes, e.g. 13' })
    .min(1, { error: 'must be 1 or more' })
    .default(13)
    .describe('MinHash values per band (NeMo hashes_per_bucket).'),
  seed: z.int({ error: 'must be a whole number, e.g. 42' }).default(42).describe('Seed of the MinHash hash family.'),
  verify: z.boolean({ error: 'must be true or false' }).default(false).describe("Check candidates' Jaccard similarity before dropping (NeMo false_positive_check)."),
  jaccard_threshold: z
    .number({ error: 'must be a number from 0 to 1, e.g. 0.8' })
    .min(0, { error: 'must be 0 or more' })
    .max(1, { error: 'must be 1 or less' })
    .default(0.8)
    .describe('Least Jaccard similarity of a verified near duplicate (with verify).'),
})
  .check((context) => {
    const { num_bands: bands, hashes_per_band: hashes } = context.value;
    if (bands * hashes > 10_000) {
      context.issues.push({
        code: 'custom',
        input: context.value,
        path: ['hashes_per_band'],
        message: `num_bands × hashes_per_band is ${bands * hashes}; at most 10000 MinHash values are allowed (NeMo's default is 20 × 13 = 260)`,
      });
    }
  })
  .prefault({});

/**
 * `dedup:minhash`: drops near duplicates found by MinHash and locality-sensitive hashing (LSH), with
 * NeMo Curator's fuzzy dedup defaults (24-character shingles, 20 bands of 13 hashes, seed 42).
 *
 * Rule: a record R is dropped when, in some band, its bucket (the records whose band values all
 * equal R's) holds a record whose `_id` is smaller than R's (plain string comparison); the reject
 * names the smallest such bucket minimum (`near duplicate of 3f2a… (shares LSH band 7)`). With
 * `verify`, that candidate must also have a Jaccard similarity of at least `jaccard_threshold` with
 * R on the shingle sets; R is kept when every candidate fails. A group of similar records thus
 * always keeps its smallest `_id`, and the verdicts depend only on the set of records, never on the
 * order they arrive in. In chains (A ~ B and B ~ C share buckets, A ≁ C) the result can differ
 * from NeMo's connected components, which keep one of the three: with ids A < B < C, B is dropped
 * for A and C for B (its reject names B, itself dropped); with A < C < B, B is dropped but C, whose
 * buckets hold no smaller id, is kept beside A. See the README.
 *
 * Memory is fixed: band keys are sorted on disk in the stage's folder (external merge sort),
 * `_id`s (and, with `verify`, texts) are kept in append-only files.
 */
export const minhashDedupFilter = defineAggregateFilter({
  description:
    "Drops near duplicates found by MinHash LSH (NeMo's defaults: 24-character shingles, 20 bands × 13 hashes): a record sharing a band bucket with a smaller _id goes.",
  options: minhashDedupOptionsSchema,
  create: (options) => new MinhashDeduplicator(options),
});

/**
 * Creates a `dedup:minhash` filter without the plugin registry, to call `observe` and `verdicts`
 * directly (see {@link minhashDedupFilter} for the rule).
 *
 * @param options MinHash and LSH settings; omitted ones take NeMo Curator's defaults.
 * @param storage where the working files go and the buffer sizes; defaults suit any input size.
 * @throws InvalidArgumentError when an option is unknown, of the wrong type or out of range.
 */
export function createMinhashDedupFilter(
  options?: MinhashDedupFilterOptions,
  storage: DedupStorageOptions = {},
): AggregateFilterV1 & MinhashDeduplicator {
  return createDedupFilter(minhashDedupFilter, options, 'dedup:minhash', (parsed) => new MinhashDeduplicator(parsed, storage));
}

/** The filter object of one `dedup:minhash` stage. */
export class MinhashDeduplicator {
  /** Records per `observe` call. */
  readonly batchSize = 256;
  readonly #options: Required<MinhashDedupFilterOptions>;
  readonly #storage: DedupStorageOptions;
  readonly #signer: MinhashSigner;
  readonly #idPrefix = new Uint32Array(idPrefixWords);
  #workspace: DedupWorkspace | undefined;
  #ids: AppendOnlyStringStore | undefined;
  #texts: AppendOnlyStringStore | undefined;
  #bands: ExternalSorter | undefined;
  #observed = 0;
  #report: MinhashDedupReport | undefined;

  constructor(options: Required<MinhashDedupFilterOptions>, storage: DedupStorageOptions = {}) {
    this.#options = options;
    this.#storage = storage;
    this.#signer = new MinhashSigner({
      charNgrams: options.char_ngrams,
      numBands: options.num_bands,
      hashesPerBand: options.hashes_per_band,
      seed: options.seed,
    });
  }

  /** Signs each record's text and files one (band key, `_id`, index) entry per band for the sort. */
  observe(items: ReadonlyArray<AggregateItemV1>, context?: Partial<AggregateContextV1>): void {
    if (this.#bands == null) this.#open(context?.directory);
    const bands = this.#bands!;
    const ids = this.#ids!;
    const idPrefix = this.#idPrefix;
    const signer = this.#signer;
    const bandCount = this.#options.num_bands;
    for (const item of items) {
      checkObservedIndex(item.index, this.#observed, 'dedup:minhash');
      signer.sign(item.text);
      writeIdPrefix(item.id, idPrefix, 0);
      for (let band = 0; band < bandCount; band++) {
        const offset = bands.reserve();
        const words = bands.records;
        signer.writeBandKey(band, words, offset);
        words[offset + bandWord] = band;
        words.set(idPrefix, offset + bandIdWord);
        words[offset + bandIndexWord] = item.index;
      }
      ids.append(item.id);
      this.#texts?.append(item.text);
      this.#observed++;
    }
  }

  /**
   * One verdict per observed record, in index order. First merges the sorted band entries to find
   * each bucket's smallest `_id` (candidates), then sorts the candidates by record and decides.
   */
  async *verdicts(): AsyncGenerator<AggregateVerdictV1> {
    let bandReader: SortedRecordReader | undefined;
    let candidates: ExternalSorter | undefined;
    let candidateReader: SortedRecordReader | undefined;
    let groups: DistinctValueCounter | undefined;
    try {
      if (this.#bands == null) {
        this.#report = this.#makeReport({ duplicatesRemoved: 0, groups: 0, candidatePairs: 0, falsePositives: 0 });
        return;
      }
      const ids = this.#ids!;
      const directory = this.#workspace!.path;
      candidates = new ExternalSorter({
        directory,
        name: 'minhash-candidates',
        wordsPerRecord: candidateRecordWords,
        // Record index, then candidate _id (prefix, whole id on a tie), then candidate index, then band.
        compare: (left, leftOffset, right, rightOffset) => {
          const byRecord = left[leftOffset]! - right[rightOffset]!;
          if (byRecord !== 0) return byRecord;
          return (
            compareRecordIds(ids, left, leftOffset + candidateIdWord, left[leftOffset + candidateIndexWord]!, right, rightOffset + candidateIdWord, right[rightOffset + candidateIndexWord]!) ||
            left[leftOffset + candidateBandWord]! - right[rightOffset + candidateBandWord]!
          );
        },
        ...sorterSizes(this.#storage),
      });
      bandReader = await this.#bands.finish();
      const candidatePairs = await collectCandidates(bandReader, candidates, ids);
      candidateReader = await candidates.finish();
      groups = new DistinctValueCounter(directory, 'minhash-groups', this.#storage.sortBufferBytes);
      let duplicatesRemoved = 0;
      let falsePositives = 0;
      // The candidates of one record (at most one per band), read from the sorted candidates.
      const recordCandidates = new Int32Array(this.#options.num_bands);
      const recordBands = new Int32Array(this.#options.num_bands);
      let pending = candidateReader.next();
      for (let index = 0; index < this.#observed; index++) {
        let count = 0;
        while (pending && candidateReader.words[candidateReader.offset] === index) {
          const words = candidateReader.words;
          const offset = candidateReader.offset;
          recordCandidates[count] = words[offset + candidateIndexWord]!;
          recordBands[count] = words[offset + candidateBandWord]!;
          count++;
          pending = candidateReader.next();
        }
        const decision = count === 0 ? undefined : this.#decide(index, recordCandidates, recordBands, count);
        if (decision == null || decision.keep) {
          if (decision != null) falsePositives += decision.rejectedCandidates;
          yield decision?.score == null ? { keep: true } : { keep: true, score: decision.score };
        } else {
          duplicatesRemoved++;
          falsePositives += decision.rejectedCandidates;
          groups.add(decision.candidateIndex);
          yield { keep: false, reason: decision.reason, duplicateOf: decision.duplicateOf, score: decision.score };
        }
        if ((index & 0xffff) === 0xffff) await nextTurn();
      }
      this.#report = this.#makeReport({ duplicatesRemoved, groups: await groups.count(), candidatePairs, falsePositives });
    } finally {
      bandReader?.close();
      candidateReader?.close();
      candidates?.close();
      groups?.close();
      this.#close();
    }
  }

  /** Counts once the verdicts are given: records, duplicates removed, groups, candidates. */
  report(): MinhashDedupReport {
    return this.#report ?? this.#makeReport({ duplicatesRemoved: 0, groups: 0, candidatePairs: 0, falsePositives: 0 });
  }

  /** One line for the terminal, e.g. `412 of 5,000 records were near duplicates (of 380 records); 4,588 kept`. */
  summary(): string {
    const { records, duplicatesRemoved, groups, falsePositives } = this.report();
    if (duplicatesRemoved === 0) return `no near duplicates among ${formatCount(records)} ${records === 1 ? 'record' : 'records'}`;
    const verified = this.#options.verify ? `, ${formatCount(falsePositives)} ${falsePositives === 1 ? 'candidate' : 'candidates'} failed the Jaccard check` : '';
    return `${formatCount(duplicatesRemoved)} of ${formatCount(records)} records were near duplicates (of ${formatCount(groups)} ${groups === 1 ? 'record' : 'records'}${verified}); ${formatCount(records - duplicatesRemoved)} kept`;
  }

  /**
   * The verdict on record `index` given its candidates (sorted by `_id`, each with the band it
   * shares): without `verify`, the first candidate; with it, the first whose Jaccard similarity
   * reaches the threshold, or a keep when none does.
   */
  #decide(index: number, candidateIndexes: Int32Array, bands: Int32Array, count: number): Decision {
    const ids = this.#ids!;
    const threshold = this.#options.jaccard_threshold;
    let start = 0;
    let recordSet: Float64Array | undefined;
    let rejectedCandidates = 0;
    let bestSimilarity = -1;
    while (start < count) {
      const candidateIndex = candidateIndexes[start]!;
      let end = start + 1;
      while (end < count && candidateIndexes[end] === candidateIndex) end++;
      const sharedBands = Array.from(bands.subarray(start, end)).sort((left, right) => left - right);
      const bandText = sharedBands.length === 1 ? `band ${sharedBands[0]}` : `bands ${listNumbers(sharedBands)}`;
      if (!this.#options.verify) {
        const duplicateOf = ids.read(candidateIndex);
        return {
          keep: false,
          candidateIndex,
          duplicateOf,
          reason: `near duplicate of ${duplicateOf} (shares LSH ${bandText})`,
          score: sharedBands.length,
          rejectedCandidates,
        };
      }
      const texts = this.#texts!;
      recordSet ??= shingleSet(texts.read(index), this.#options.char_ngrams);
      const similarity = jaccardSimilarity(recordSet, shingleSet(texts.read(candidateIndex), this.#options.char_ngrams));
      if (similarity >= threshold) {
        const duplicateOf = ids.read(candidateIndex);
        return {
          keep: false,
          candidateIndex,
          duplicateOf,
          reason: `near duplicate of ${duplicateOf} (shares LSH ${bandText}; Jaccard ${formatSimilarity(similarity, threshold)} ≥ ${threshold})`,
          score: similarity,
          rejectedCandidates,
        };
      }
      rejectedCandidates++;
      bestSimilarity = Math.max(bestSimilarity, similarity);
      start = end;
    }
    return { keep: true, score: bestSimilarity, rejectedCandidates };
  }

  #makeReport(counts: { duplicatesRemoved: number; groups: number; candidatePairs: number; falsePositives: number }): MinhashDedupReport {
    return {
      records: this.#observed,
      ...counts,
      charNgrams: this.#options.char_ngrams,
      numBands: this.#options.num_bands,
      hashesPerBand: this.#options.hashes_per_band,
      verify: this.#options.verify,
    };
  }


  #open(directory: string | undefined): void {
    this.#workspace = openDedupWorkspace(directory ?? this.#storage.directory, 'dedup-minhash');
    const ids = new AppendOnlyStringStore(this.#workspace.path, 'minhash-ids');
    this.#ids = ids;
    if (this.#options.verify) this.#texts = new AppendOnlyStringStore(this.#workspace.path, 'minhash-texts');
    this.#bands = new ExternalSorter({
      directory: this.#workspace.path,
      name: 'minhash-bands',
      wordsPerRecord: bandRecordWords,
      // Band key, band, then _id (prefix, whole id on a tie), then index: each bucket's smallest _id comes first.
      compare: (left, leftOffset, right, rightOffset) => {
        const byKey =
          left[leftOffset]! - right[rightOffset]! ||
          left[leftOffset + 1]! - right[rightOffset + 1]! ||
          left[leftOffset + bandWord]! - right[rightOffset + bandWord]!;
        if (byKey !== 0) return byKey;
        return compareRecordIds(ids, left, leftOffset + bandIdWord, left[leftOffset + bandIndexWord]!, right, rightOffset + bandIdWord, right[rightOffset + bandIndexWord]!);
      },
      ...sorterSizes(this.#storage),
    });
  }

  #close(): void {
    this.#bands?.close();
    this.#ids?.close();
    this.#texts?.close();
    this.#workspace?.release();
    this.#bands = undefined;
    this.#ids = undefined;
    this.#texts = undefined;
    this.#workspace = undefined;
  }
}

// --- Internal helpers ---

/** Band entry layout: band key (2 words), band, `_id` prefix (4 words), record index. */
const bandWord = 2;
const bandIdWord = 3;
const bandIndexWord = 7;
const bandRecordWords = 8;

/** Candidate entry layout: record index, candidate `_id` prefix (4 words), candidate index, band. */
const candidateIdWord = 1;
const candidateIndexWord = 5;
const candidateBandWord = 6;
const candidateRecordWords = 7;

type Decision =
  | { readonly keep: true; readonly score?: number; readonly rejectedCandidates: number }
  | {
      readonly keep: false;
      readonly candidateIndex: number;
      readonly duplicateOf: string;
      readonly reason: string;
      readonly score: number;
      readonly rejectedCandidates: number;
    };

/**
 * Walks the band entries in sorted order, bucket by bucket (same band, same key), and files a
 * candidate entry (record, the bucket's first and so smallest `_id`, band) for every other member
 * whose `_id` is larger. Returns how many it filed.
 */
async function collectCandidates(reader: SortedRecordReader, candidates: ExternalSorter, ids: AppendOnlyStringStore): Promise<number> {
  const bucketKey = new Uint32Array(3);
  const smallestId = new Uint32Array(idPrefixWords);
  let smallestIndex = -1;
  let inBucket = false;
  let filed = 0;
  let sinceYield = 0;
  while (reader.next()) {
    const words = reader.words;
    const offset = reader.offset;
    if (inBucket && words[offset] === bucketKey[0] && words[offset + 1] === bucketKey[1] && words[offset + bandWord] === bucketKey[2]) {
      const index = words[offset + bandIndexWord]!;
      // Sorted by _id, so this one is not smaller; skip it only when it is the same _id.
      const larger = compareIdPrefixes(words, offset + bandIdWord, smallestId, 0) !== 0 || compareIds(ids.read(index), ids.read(smallestIndex)) > 0;
      if (larger) {
        const entry = candidates.reserve();
        const out = candidates.records;
        out[entry] = index;
        out.set(smallestId, entry + candidateIdWord);
        out[entry + candidateIndexWord] = smallestIndex;
        out[entry + candidateBandWord] = words[offset + bandWord]!;
        filed++;
      }
    } else {
      inBucket = true;
      bucketKey[0] = words[offset]!;
      bucketKey[1] = words[offset + 1]!;
      bucketKey[2] = words[offset + bandWord]!;
      smallestId.set(words.subarray(offset + bandIdWord, offset + bandIdWord + idPrefixWords));
      smallestIndex = words[offset + bandIndexWord]!;
    }
    if (++sinceYield === 1 << 16) {
      sinceYield = 0;
      await nextTurn();
    }
  }
  return filed;
}

/** `3, 7 and 12`; beyond three, `0, 1, 2 and 17 more`. */
function listNumbers(numbers: ReadonlyArray<number>): string {
  if (numbers.length > 3) return `${numbers.slice(0, 3).join(', ')} and ${numbers.length - 3} more`;
  return numbers.length === 1 ? String(numbers[0]) : `${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}
