import { createHash } from 'node:crypto';
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
import { AppendOnlyStringStore } from './storage/append-only-string-store';
import { sorterSizes, type DedupStorageOptions } from './storage/dedup-storage-options';
import { ExternalSorter, type SortedRecordReader } from './storage/external-sorter';
import { compareRecordIds } from './storage/compare-record-ids';
import { writeIdPrefix } from './storage/id-prefix';

/** Options of `dedup:exact`. */
export interface ExactDedupFilterOptions {
  /**
   * Compare texts after Unicode NFKC normalisation, lower-casing, collapsing every run of
   * whitespace to one space and trimming, so `Hello  World` and `hello world` are one text.
   * `false` compares the exact characters, as NeMo Curator's exact dedup does. Default true.
   */
  readonly normalize?: boolean;
}

/** What `dedup:exact` found, as written under its stage in `run.json`. */
export interface ExactDedupReport extends JsonRecord {
  readonly records: number;
  /** Records dropped as copies of a record with a smaller `_id`. */
  readonly duplicatesRemoved: number;
  /** Texts held by two records or more (each keeps one record). */
  readonly groups: number;
  readonly normalize: boolean;
}

const exactDedupOptionsSchema: z.ZodType<Required<ExactDedupFilterOptions>, ExactDedupFilterOptions | undefined> = strictOptionsObject({
  normalize: z
    .boolean({ error: 'must be true or false' })
    .default(true)
    .describe('Compare texts after NFKC, lower-casing and whitespace collapsing (false: exact characters, as NeMo).'),
}).prefault({});

/**
 * `dedup:exact`: keeps one record of each group of records with the same text. The text is hashed
 * (MD5, 128 bits, as NeMo Curator's default `hash_method`), after normalisation unless `normalize`
 * is false. A record is dropped when another record has the same hash and a smaller `_id` (plain
 * string comparison), so each group keeps the record with the smallest `_id`, whatever order the
 * records come in; the reject names it (`same normalised text as 3f2a…`, and `duplicateOf`).
 *
 * Memory is fixed: hashes are sorted on disk in the stage's folder (a 4 MiB buffer, merged runs),
 * `_id`s are kept in an append-only file, and verdicts stream out in record order.
 */
export const exactDedupFilter = defineAggregateFilter({
  description:
    'Keeps one record of each group with the same text (after NFKC, lower case and whitespace collapsing unless normalize is false): the one with the smallest _id.',
  options: exactDedupOptionsSchema,
  create: (options) => new ExactDeduplicator(options),
});

/**
 * Creates a `dedup:exact` filter without the plugin registry, to call `observe` and `verdicts`
 * directly (see {@link exactDedupFilter} for the rule).
 *
 * @param options `normalize` (default true).
 * @param storage where the working files go and the buffer sizes; defaults suit any input size.
 * @throws InvalidArgumentError when an option is unknown or of the wrong type.
 */
export function createExactDedupFilter(options?: ExactDedupFilterOptions, storage: DedupStorageOptions = {}): AggregateFilterV1 & ExactDeduplicator {
  return createDedupFilter(exactDedupFilter, options, 'dedup:exact', (parsed) => new ExactDeduplicator(parsed, storage));
}

/**
 * The text `dedup:exact` compares when `normalize` is on: NFKC (compatibility characters folded:
 * `ﬁ` → `fi`, full-width → ASCII), lower case, every run of whitespace (JavaScript's `\s`) one
 * space, no leading or trailing whitespace.
 */
export function normalizeForExactMatch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The filter object of one `dedup:exact` stage. */
export class ExactDeduplicator {
  /** Records per `observe` call. */
  readonly batchSize = 256;
  readonly #options: Required<ExactDedupFilterOptions>;
  readonly #storage: DedupStorageOptions;
  #workspace: DedupWorkspace | undefined;
  #ids: AppendOnlyStringStore | undefined;
  #hashes: ExternalSorter | undefined;
  #observed = 0;
  #report: ExactDedupReport | undefined;

  constructor(options: Required<ExactDedupFilterOptions>, storage: DedupStorageOptions = {}) {
    this.#options = options;
    this.#storage = storage;
  }

  /** Hashes each record's text and files it, with its `_id`, for the sort. */
  observe(items: ReadonlyArray<AggregateItemV1>, context?: Partial<AggregateContextV1>): void {
    if (this.#hashes == null) this.#open(context?.directory);
    const hashes = this.#hashes!;
    const ids = this.#ids!;
    for (const item of items) {
      checkObservedIndex(item.index, this.#observed, 'dedup:exact');
      const text = this.#options.normalize ? normalizeForExactMatch(item.text) : item.text;
      const digest = createHash('md5').update(text, 'utf8').digest();
      const offset = hashes.reserve();
      const words = hashes.records;
      for (let word = 0; word < 4; word++) words[offset + word] = digest.readUInt32BE(word * 4);
      writeIdPrefix(item.id, words, offset + hashWords);
      words[offset + indexWord] = item.index;
      ids.append(item.id);
      this.#observed++;
    }
  }

  /**
   * One verdict per observed record, in index order: kept, or dropped naming the record of its
   * group with the smallest `_id`. Sorts the hashes on disk first (a pass over every record).
   */
  async *verdicts(): AsyncGenerator<AggregateVerdictV1> {
    let reader: SortedRecordReader | undefined;
    let duplicates: ExternalSorter | undefined;
    let duplicatesReader: SortedRecordReader | undefined;
    try {
      if (this.#hashes == null) {
        this.#report = this.#makeReport(0, 0);
        return;
      }
      const ids = this.#ids!;
      const workspace = this.#workspace!;
      reader = await this.#hashes.finish();
      duplicates = new ExternalSorter({
        directory: workspace.path,
        name: 'exact-duplicates',
        wordsPerRecord: 2,
        compare: (left, leftOffset, right, rightOffset) => left[leftOffset]! - right[rightOffset]!,
        ...sorterSizes(this.#storage),
      });
      // The sorted hashes come in groups of equal hashes, smallest _id first: every other member
      // of a group is a duplicate of the first. (duplicate index, kept index) pairs are sorted by
      // duplicate index, so the verdicts can stream out in record order.
      const groupHash = new Uint32Array(4);
      let keptIndex = -1;
      let groupSize = 0;
      let groups = 0;
      let duplicateCount = 0;
      let sinceYield = 0;
      while (reader.next()) {
        const words = reader.words;
        const offset = reader.offset;
        if (groupSize > 0 && sameHash(words, offset, groupHash)) {
          if (groupSize++ === 1) groups++;
          const pair = duplicates.reserve();
          duplicates.records[pair] = words[offset + indexWord]!;
          duplicates.records[pair + 1] = keptIndex;
          duplicateCount++;
        } else {
          groupHash.set(words.subarray(offset, offset + hashWords));
          keptIndex = words[offset + indexWord]!;
          groupSize = 1;
        }
        if (++sinceYield === 1 << 16) {
          sinceYield = 0;
          await nextTurn();
        }
      }
      duplicatesReader = await duplicates.finish();
      let pending = duplicatesReader.next();
      const reasonPrefix = this.#options.normalize ? 'same normalised text as' : 'same text as';
      for (let index = 0; index < this.#observed; index++) {
        if (pending && duplicatesReader.words[duplicatesReader.offset] === index) {
          const keptId = ids.read(duplicatesReader.words[duplicatesReader.offset + 1]!);
          yield { keep: false, reason: `${reasonPrefix} ${keptId}`, duplicateOf: keptId };
          pending = duplicatesReader.next();
        } else {
          yield { keep: true };
        }
      }
      this.#report = this.#makeReport(duplicateCount, groups);
    } finally {
      reader?.close();
      duplicatesReader?.close();
      duplicates?.close();
      this.#close();
    }
  }

  /** Counts once the verdicts are given: records, duplicates removed, groups. */
  report(): ExactDedupReport {
    return this.#report ?? this.#makeReport(0, 0);
  }

  /** One line for the terminal, e.g. `412 of 5,000 records were exact duplicates (of 380 texts); 4,588 kept`. */
  summary(): string {
    const { records, duplicatesRemoved, groups } = this.report();
    const kind = this.#options.normalize ? 'exact duplicates after normalisation' : 'exact duplicates';
    if (duplicatesRemoved === 0) return `no ${kind} among ${formatCount(records)} ${records === 1 ? 'record' : 'records'}`;
    return `${formatCount(duplicatesRemoved)} of ${formatCount(records)} records were ${kind} (of ${formatCount(groups)} ${groups === 1 ? 'text' : 'texts'}); ${formatCount(records - duplicatesRemoved)} kept`;
  }

  #makeReport(duplicatesRemoved: number, groups: number): ExactDedupReport {
    return { records: this.#observed, duplicatesRemoved, groups, normalize: this.#options.normalize };
  }


  #open(directory: string | undefined): void {
    this.#workspace = openDedupWorkspace(directory ?? this.#storage.directory, 'dedup-exact');
    const ids = new AppendOnlyStringStore(this.#workspace.path, 'exact-ids');
    this.#ids = ids;
    this.#hashes = new ExternalSorter({
      directory: this.#workspace.path,
      name: 'exact-hashes',
      wordsPerRecord: hashRecordWords,
      // Hash, then _id (prefix, then the whole id when the prefixes tie), then index.
      compare: (left, leftOffset, right, rightOffset) => {
        for (let word = 0; word < hashWords; word++) {
          const difference = left[leftOffset + word]! - right[rightOffset + word]!;
          if (difference !== 0) return difference;
        }
        return compareRecordIds(ids, left, leftOffset + hashWords, left[leftOffset + indexWord]!, right, rightOffset + hashWords, right[rightOffset + indexWord]!);
      },
      ...sorterSizes(this.#storage),
    });
  }

  #close(): void {
    this.#hashes?.close();
    this.#ids?.close();
    this.#workspace?.release();
    this.#hashes = undefined;
    this.#ids = undefined;
    this.#workspace = undefined;
  }
}

// --- Internal helpers ---

/** Record layout of the hash sort: 4 words of MD5, 4 of `_id` prefix, the record index. */
const hashWords = 4;
const indexWord = 8;
const hashRecordWords = 9;

function sameHash(words: Uint32Array, offset: number, hash: Uint32Array): boolean {
  return words[offset] === hash[0] && words[offset + 1] === hash[1] && words[offset + 2] === hash[2] && words[offset + 3] === hash[3];
}
