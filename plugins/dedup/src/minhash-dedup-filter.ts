import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  defineAggregateFilter,
  type AggregateContextV1,
  type AggregateFilterV1,
  type AggregateItemV1,
  type AggregateVerdictV1,
  type JsonRecord,
  strictOptionsObject,
} from '@synthkit/core';
import { z } from 'zod';
import { checkObservedIndex } from './internal/check-observed-index';
import { createDedupFilter } from './internal/create-dedup-filter';
import { openDedupWorkspace, type DedupWorkspace } from './internal/dedup-workspace';
import { formatCount } from './internal/format-count';
import { formatSimilarity } from './internal/format-similarity';
import { MinhashSigner } from './minhash/minhash-signer';
import {
  labelLshComponents,
  membershipBand,
  membershipLabelIndex,
  membershipRecord,
  membershipSharesBucket,
} from './minhash/lsh-components';
import { jaccardSimilarity, shingleSet } from './minhash/shingle-set';
import { walkLshBuckets, type BandEntryLayout } from './minhash/walk-lsh-buckets';
import { AppendOnlyStringStore } from './storage/append-only-string-store';
import { sorterSizes, type DedupStorageOptions } from './storage/dedup-storage-options';
import { DistinctValueCounter } from './storage/distinct-value-counter';
import { ExternalSorter, type SortedRecordReader } from './storage/external-sorter';
import { compareRecordIds } from './storage/compare-record-ids';
import { idPrefixWords, writeIdPrefix } from './storage/id-prefix';

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
  /**
   * How candidates make groups. Default `'components'` (NeMo's): records linked through any chain of
   * shared LSH buckets form one group, which keeps only its smallest `_id`; a chain A ~ B ~ C keeps
   * only one of the three even when A and C are not alike. `'bucket'`: a record is dropped only when
   * one of its own buckets holds a smaller `_id` (one step), so a group whose members meet only
   * through a dropped record may keep two of them. See the README.
   */
  readonly grouping?: 'components' | 'bucket';
  /**
   * With `grouping: 'components'`: most label passes over the buckets (each sorts the bucket
   * memberships twice on disk). Default 64, at least 2. When labels still change at the last pass, each
   * record is dropped for the smallest `_id` its label has reached (a record of its group), so a group
   * whose chain is longer than that may keep more than one record; the report says `converged: false`.
   */
  readonly max_passes?: number;
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
  readonly grouping: 'components' | 'bucket';
  /** With `grouping: 'components'`: label passes over the buckets, the last confirming that no label changed (0 with `bucket`). */
  readonly passes: number;
  /** With `grouping: 'components'`: false when `max_passes` was reached while labels still changed. */
  readonly converged: boolean;
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
  grouping: z
    .enum(['components', 'bucket'], { error: "must be 'components' (NeMo's connected components) or 'bucket' (one shared bucket)" })
    .default('components')
    .describe("How candidates make groups: connected components of the LSH bucket graph (NeMo's), or each record's own buckets only."),
  max_passes: z
    .int({ error: 'must be a whole number of passes, e.g. 64' })
    .min(2, { error: 'must be 2 or more (the first pass finds the candidates, the second spreads their labels)' })
    .max(100_000, { error: 'must be at most 100000' })
    .default(64)
    .describe("Most label-propagation passes with grouping 'components'."),
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
 * Records whose values are all equal in a band share that band's bucket. With `grouping:
 * 'components'` (the default, NeMo's rule) records linked through any chain of shared buckets form
 * one group, a connected component, which keeps its smallest `_id` (plain string comparison); every
 * other member is dropped naming it (`near duplicate of 3f2a… (shares LSH band 7)`, or `(connected
 * through LSH buckets to 3f2a…, sharing no band with it)`). With `verify`, a record is linked to a
 * bucket only when its Jaccard similarity with the bucket's smallest `_id` reaches
 * `jaccard_threshold` (NeMo's anchor check). Components are found by label propagation over sorts
 * on disk, at most `max_passes` passes. With `grouping: 'bucket'`, a record is dropped when one of
 * its own buckets holds a smaller `_id` (with `verify`: a verified one), one step only.
 *
 * Either way every group keeps its smallest `_id` and the verdicts depend only on the set of
 * records, never on their order. Chains differ (A ~ B and B ~ C share buckets, A ≁ C): components
 * keep one of the three, even though A and C are not alike; `bucket` keeps C beside A when the ids
 * run A < C < B. See the README.
 *
 * Memory is fixed: band keys and bucket memberships are sorted on disk in the stage's folder
 * (external merge sort), `_id`s (and, with `verify`, texts) are kept in append-only files.
 */
export const minhashDedupFilter = defineAggregateFilter({
  description:
    "Drops near duplicates found by MinHash LSH (NeMo's defaults: 24-character shingles, 20 bands × 13 hashes): records linked through shared band buckets keep only their smallest _id.",
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
   * One verdict per observed record, in index order. First merges the sorted band entries bucket by
   * bucket; then, with `grouping: 'components'`, labels the connected components of the bucket graph
   * by passes over sorted memberships, or, with `'bucket'`, sorts each record's bucket minima by record.
   */
  async *verdicts(): AsyncGenerator<AggregateVerdictV1> {
    try {
      if (this.#bands == null) {
        this.#report = this.#makeReport({ duplicatesRemoved: 0, groups: 0, candidatePairs: 0, falsePositives: 0 });
        return;
      }
      if (this.#options.grouping === 'components') yield* this.#componentVerdicts();
      else yield* this.#bucketVerdicts();
    } finally {
      this.#close();
    }
  }

  /**
   * `grouping: 'components'`: R is dropped when its connected component of the LSH bucket graph
   * (with `verify`, of verified links only) holds a smaller `_id`; the reject names the component's
   * smallest `_id`.
   */
  async *#componentVerdicts(): AsyncGenerator<AggregateVerdictV1> {
    let bandReader: SortedRecordReader | undefined;
    let memberships: SortedRecordReader | undefined;
    let groups: DistinctValueCounter | undefined;
    try {
      const ids = this.#ids!;
      const directory = this.#workspace!.path;
      const { verify, jaccard_threshold: threshold } = this.#options;
      bandReader = await this.#bands!.finish();
      const components = await labelLshComponents(bandReader, {
        directory,
        ids,
        bandLayout,
        ...(verify ? { joins: (index: number, anchor: number) => this.#jaccard(index, anchor) >= threshold } : {}),
        maxPasses: this.#options.max_passes,
        sorterSizes: sorterSizes(this.#storage),
      });
      memberships = components.reader;
      groups = new DistinctValueCounter(directory, 'minhash-groups', this.#storage.sortBufferBytes);
      let duplicatesRemoved = 0;
      // The bands a record shares with the record its label names (at most one per band).
      const sharedBands = new Int32Array(this.#options.num_bands);
      let pending = memberships.next();
      for (let index = 0; index < this.#observed; index++) {
        let label = index;
        let shared = 0;
        let first = true;
        while (pending && membershipRecord(memberships.words, memberships.offset) === index) {
          const words = memberships.words;
          const offset = memberships.offset;
          // Entries come smallest label first: the first names the component's smallest _id found.
          if (first) label = membershipLabelIndex(words, offset);
          first = false;
          if (membershipLabelIndex(words, offset) === label && membershipSharesBucket(words, offset)) sharedBands[shared++] = membershipBand(words, offset);
          pending = memberships.next();
        }
        if (label === index) {
          yield { keep: true };
        } else {
          duplicatesRemoved++;
          groups.add(label);
          const duplicateOf = ids.read(label);
          const bands = Array.from(sharedBands.subarray(0, shared)).sort((left, right) => left - right);
          const similarity = verify ? this.#jaccard(index, label) : undefined;
          const evidence =
            shared === 0
              ? `connected through ${verify ? 'verified ' : ''}LSH buckets to ${duplicateOf}, sharing no band with it${similarity == null ? '' : `; Jaccard ${formatSimilarity(similarity, threshold)} with it`}`
              : `shares LSH ${bands.length === 1 ? `band ${bands[0]}` : `bands ${listNumbers(bands)}`}${similarity == null ? '' : `; Jaccard ${formatSimilarity(similarity, threshold)} ≥ ${threshold}`}`;
          yield { keep: false, reason: `near duplicate of ${duplicateOf} (${evidence})`, duplicateOf, score: similarity ?? shared };
        }
        if ((index & 0xffff) === 0xffff) await nextTurn();
      }
      this.#report = this.#makeReport({
        duplicatesRemoved,
        groups: await groups.count(),
        candidatePairs: components.candidatePairs,
        falsePositives: components.refusedPairs,
        passes: components.passes,
        converged: components.converged,
      });
    } finally {
      bandReader?.close();
      memberships?.close();
      groups?.close();
    }
  }

  /** `grouping: 'bucket'`: R is dropped for the smallest `_id` among its own buckets' minima (verified, with `verify`). */
  async *#bucketVerdicts(): AsyncGenerator<AggregateVerdictV1> {
    let bandReader: SortedRecordReader | undefined;
    let candidates: ExternalSorter | undefined;
    let candidateReader: SortedRecordReader | undefined;
    let groups: DistinctValueCounter | undefined;
    try {
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
      bandReader = await this.#bands!.finish();
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
    }
  }

  /** Counts once the verdicts are given: records, duplicates removed, groups, candidates. */
  report(): MinhashDedupReport {
    return this.#report ?? this.#makeReport({ duplicatesRemoved: 0, groups: 0, candidatePairs: 0, falsePositives: 0 });
  }

  /** One line for the terminal, e.g. `412 of 5,000 records were near duplicates (of 380 records); 4,588 kept`. */
  summary(): string {
    const { records, duplicatesRemoved, groups, falsePositives, passes, converged } = this.report();
    const unconverged = converged
      ? ''
      : `; grouping stopped at max_passes ${formatCount(passes)} before it converged, so some groups may keep more than one record`;
    if (duplicatesRemoved === 0) return `no near duplicates among ${formatCount(records)} ${records === 1 ? 'record' : 'records'}${unconverged}`;
    const verified = this.#options.verify ? `, ${formatCount(falsePositives)} ${falsePositives === 1 ? 'candidate' : 'candidates'} failed the Jaccard check` : '';
    return `${formatCount(duplicatesRemoved)} of ${formatCount(records)} records were near duplicates (of ${formatCount(groups)} ${groups === 1 ? 'record' : 'records'}${verified}); ${formatCount(records - duplicatesRemoved)} kept${unconverged}`;
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

  /** The Jaccard similarity of the shingle sets of records `index` and `other`, from their stored texts. */
  #jaccard(index: number, other: number): number {
    const texts = this.#texts!;
    const charNgrams = this.#options.char_ngrams;
    return jaccardSimilarity(shingleSet(texts.read(index), charNgrams), shingleSet(texts.read(other), charNgrams));
  }

  #makeReport(counts: {
    duplicatesRemoved: number;
    groups: number;
    candidatePairs: number;
    falsePositives: number;
    passes?: number;
    converged?: boolean;
  }): MinhashDedupReport {
    return {
      records: this.#observed,
      passes: 0,
      converged: true,
      ...counts,
      charNgrams: this.#options.char_ngrams,
      numBands: this.#options.num_bands,
      hashesPerBand: this.#options.hashes_per_band,
      verify: this.#options.verify,
      grouping: this.#options.grouping,
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
const bandLayout: BandEntryLayout = { bandWord, idWord: bandIdWord, indexWord: bandIndexWord };

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
 * Files a candidate entry (record, its bucket's anchor, band) for every bucket member whose `_id`
 * is larger than the anchor's. Returns how many it filed.
 */
function collectCandidates(reader: SortedRecordReader, candidates: ExternalSorter, ids: AppendOnlyStringStore): Promise<number> {
  return walkLshBuckets(reader, ids, bandLayout, (member, anchor, anchorId, band) => {
    const entry = candidates.reserve();
    const out = candidates.records;
    out[entry] = member;
    out.set(anchorId, entry + candidateIdWord);
    out[entry + candidateIndexWord] = anchor;
    out[entry + candidateBandWord] = band;
  });
}

/** `3, 7 and 12`; beyond three, `0, 1, 2 and 17 more`. */
function listNumbers(numbers: ReadonlyArray<number>): string {
  if (numbers.length > 3) return `${numbers.slice(0, 3).join(', ')} and ${numbers.length - 3} more`;
  return numbers.length === 1 ? String(numbers[0]) : `${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}
