import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AppendOnlyStringStore } from '../storage/append-only-string-store';
import { compareRecordIds } from '../storage/compare-record-ids';
import { ExternalSorter, type SortedRecordReader } from '../storage/external-sorter';
import { idPrefixWords } from '../storage/id-prefix';
import { walkLshBuckets, type BandEntryLayout } from './walk-lsh-buckets';

/** Where {@link labelLshComponents} works and how it reads the band entries. */
export interface LshComponentsOptions {
  /** Folder of the working files (sorted runs). */
  readonly directory: string;
  /** The records' `_id`s, by record index (for ties of id prefixes). */
  readonly ids: AppendOnlyStringStore;
  /** Where the band entries keep band, `_id` prefix and record index. */
  readonly bandLayout: BandEntryLayout;
  /**
   * Whether record `index` joins the bucket whose smallest member is record `anchor` (NeMo's anchor
   * check, with `verify`). Called once per distinct (record, anchor) pair. Default: always.
   */
  readonly joins?: (index: number, anchor: number) => boolean;
  /** Most passes over the buckets before stopping unconverged (at least 2). */
  readonly maxPasses: number;
  /** Sizes of the sort buffers. */
  readonly sorterSizes: { bufferBytes?: number; mergeFanIn?: number };
}

/** The components found: a reader of membership entries by record, and how it went. */
export interface LshComponents {
  /**
   * Entries sorted by record index, then label (smallest first), then bucket: one per bucket a
   * record belongs to, carrying the smallest label in that bucket. A record's component label is its
   * first entry's; records in no bucket of two or more have no entry (their own component).
   * Read with {@link membershipRecord}, {@link membershipLabelIndex}, {@link membershipBand} and
   * {@link membershipSharesBucket}.
   */
  readonly reader: SortedRecordReader;
  /** (record, smaller `_id` sharing a bucket with it) pairs, one per band. */
  readonly candidatePairs: number;
  /** Distinct (record, bucket anchor) pairs refused by `joins`. */
  readonly refusedPairs: number;
  /** Passes over the buckets, the first being the scan of the band entries. */
  readonly passes: number;
  /** False when `maxPasses` was reached while labels were still changing. */
  readonly converged: boolean;
}

/** The record index of the membership entry at `words[offset]`. */
export function membershipRecord(words: Uint32Array, offset: number): number {
  return words[offset + byRecordRecordWord]!;
}

/** The label (a record index: the smallest `_id` found connected) of the entry at `words[offset]`. */
export function membershipLabelIndex(words: Uint32Array, offset: number): number {
  return words[offset + byRecordLabelIndexWord]!;
}

/** The LSH band of the entry's bucket. */
export function membershipBand(words: Uint32Array, offset: number): number {
  return words[offset + byRecordBandWord]!;
}

/** Whether the entry's bucket holds the record its label names (so the two share that band). */
export function membershipSharesBucket(words: Uint32Array, offset: number): boolean {
  return words[offset + byRecordDirectWord] === 1;
}

/**
 * Connected components of the LSH bucket graph (two records are linked when they share a bucket,
 * with `joins` only when the record passes the check against its bucket's smallest member), by
 * iterative label propagation over external sorts, in fixed memory whatever the number of records.
 *
 * Every record's label starts as itself. A pass gives each bucket the smallest label among its
 * members, then each record the smallest label among its buckets. Passes repeat until a pass finds
 * every bucket's members agreeing (no label would change), or `maxPasses` is reached. Labels
 * compare by `_id` (prefix, whole id on a tie, then record index), so at convergence each record's
 * label is its component's smallest `_id`, whatever order the records came in.
 *
 * Pass 1 reads `bandReader` (band entries sorted by band key, band, then `_id`), where each bucket's
 * first entry is its smallest member: it files a membership per member of each bucket of two or
 * more distinct `_id`s, checks the members against that anchor, and labels each record with its
 * smallest accepted anchor. Every later pass sorts the memberships by bucket, then by record.
 */
export async function labelLshComponents(bandReader: SortedRecordReader, options: LshComponentsOptions): Promise<LshComponents> {
  const { directory, ids, sorterSizes } = options;
  if (!Number.isInteger(options.maxPasses) || options.maxPasses < 2) {
    throw new RangeError(`labelLshComponents: maxPasses must be a whole number of at least 2, not ${options.maxPasses}.`);
  }
  let sortNumber = 0;
  const byRecordSorter = (): ExternalSorter =>
    new ExternalSorter({
      directory,
      name: `minhash-components-by-record-${sortNumber++}`,
      wordsPerRecord: byRecordWords,
      // Record, then label (smallest _id first), then bucket: a record's first entry holds its smallest label.
      compare: (left, leftOffset, right, rightOffset) =>
        left[leftOffset + byRecordRecordWord]! - right[rightOffset + byRecordRecordWord]! ||
        compareRecordIds(ids, left, leftOffset + byRecordLabelWord, left[leftOffset + byRecordLabelIndexWord]!, right, rightOffset + byRecordLabelWord, right[rightOffset + byRecordLabelIndexWord]!) ||
        left[leftOffset + byRecordBucketWord]! - right[rightOffset + byRecordBucketWord]!,
      ...sorterSizes,
    });
  const byBucketSorter = (): ExternalSorter =>
    new ExternalSorter({
      directory,
      name: `minhash-components-by-bucket-${sortNumber++}`,
      wordsPerRecord: byBucketWords,
      // Bucket, then label (smallest first), then the member the label names before the others, then record.
      compare: (left, leftOffset, right, rightOffset) => {
        const byBucket = left[leftOffset + byBucketBucketWord]! - right[rightOffset + byBucketBucketWord]!;
        if (byBucket !== 0) return byBucket;
        const leftLabel = left[leftOffset + byBucketLabelIndexWord]!;
        const rightLabel = right[rightOffset + byBucketLabelIndexWord]!;
        const byLabel = compareRecordIds(ids, left, leftOffset + byBucketLabelWord, leftLabel, right, rightOffset + byBucketLabelWord, rightLabel);
        if (byLabel !== 0) return byLabel;
        const leftRecord = left[leftOffset + byBucketRecordWord]!;
        const rightRecord = right[rightOffset + byBucketRecordWord]!;
        return Number(leftRecord !== leftLabel) - Number(rightRecord !== rightLabel) || leftRecord - rightRecord;
      },
      ...sorterSizes,
    });

  let recordSorter: ExternalSorter | undefined = byRecordSorter();
  let bucketSorter: ExternalSorter | undefined;
  let reader: SortedRecordReader | undefined;
  try {
    const candidatePairs = await fileBucketMembers(bandReader, recordSorter, ids, options.bandLayout);
    reader = await recordSorter.finish();
    recordSorter = undefined;
    bucketSorter = byBucketSorter();
    const refusedPairs = await relabelRecords(reader, bucketSorter, options.joins);
    reader = undefined;
    let passes = 1;
    for (;;) {
      reader = await bucketSorter.finish();
      bucketSorter = undefined;
      recordSorter = byRecordSorter();
      const changed = await spreadBucketMinima(reader, recordSorter);
      reader = undefined;
      passes++;
      const result = await recordSorter.finish();
      recordSorter = undefined;
      if (!changed || passes >= options.maxPasses) {
        return { reader: result, candidatePairs, refusedPairs, passes, converged: !changed };
      }
      reader = result;
      bucketSorter = byBucketSorter();
      await relabelRecords(reader, bucketSorter, undefined);
      reader = undefined;
    }
  } catch (error) {
    reader?.close();
    recordSorter?.close();
    bucketSorter?.close();
    throw error;
  }
}

// --- Internal helpers ---

/** By-record membership entry: record, label `_id` prefix (4 words), label index, band, bucket, shares-bucket flag. */
const byRecordRecordWord = 0;
const byRecordLabelWord = 1;
const byRecordLabelIndexWord = 5;
const byRecordBandWord = 6;
const byRecordBucketWord = 7;
const byRecordDirectWord = 8;
const byRecordWords = 9;

/** By-bucket membership entry: bucket, label `_id` prefix (4 words), label index, record, band. */
const byBucketBucketWord = 0;
const byBucketLabelWord = 1;
const byBucketLabelIndexWord = 5;
const byBucketRecordWord = 6;
const byBucketBandWord = 7;
const byBucketWords = 8;

/** Entries between two turns of the event loop. */
const entriesPerTurn = 1 << 16;

/**
 * Pass 1, bucket half: for each bucket with a member whose `_id` is larger than its anchor's (its
 * smallest), files a by-record entry for each such member (labelled with the anchor) and one for the
 * anchor (labelled with itself). Buckets are numbered in the order met. Returns the number of
 * (member, anchor) pairs.
 */
async function fileBucketMembers(reader: SortedRecordReader, out: ExternalSorter, ids: AppendOnlyStringStore, layout: BandEntryLayout): Promise<number> {
  let bucket = -1;
  let lastAnchor = -1;
  let lastBand = -1;
  const file = (record: number, anchor: number, anchorId: Uint32Array, band: number): void => {
    const entry = out.reserve();
    const words = out.records;
    words[entry + byRecordRecordWord] = record;
    words.set(anchorId, entry + byRecordLabelWord);
    words[entry + byRecordLabelIndexWord] = anchor;
    words[entry + byRecordBandWord] = band;
    words[entry + byRecordBucketWord] = bucket;
    words[entry + byRecordDirectWord] = 1;
  };
  return walkLshBuckets(reader, ids, layout, (member, anchor, anchorId, band) => {
    // A record has one bucket per band: (anchor, band) names the bucket.
    if (anchor !== lastAnchor || band !== lastBand) {
      bucket++;
      lastAnchor = anchor;
      lastBand = band;
      file(anchor, anchor, anchorId, band);
    }
    file(member, anchor, anchorId, band);
  });
}

/**
 * Record half of a pass: reads by-record entries (each carrying its bucket's smallest label), gives
 * each record the smallest label among its entries and files its memberships by bucket with that
 * label. With `joins` (pass 1), an entry whose label is another record (the bucket's anchor) counts
 * only if the record joins it; refused entries are dropped, so the record leaves those buckets.
 * Returns the number of distinct refused (record, anchor) pairs.
 */
async function relabelRecords(reader: SortedRecordReader, out: ExternalSorter, joins: LshComponentsOptions['joins']): Promise<number> {
  const label = new Uint32Array(idPrefixWords + 1);
  let record = -1;
  let labelled = false;
  let checkedAnchor = -1;
  let accepted = true;
  let refused = 0;
  let sinceYield = 0;
  while (reader.next()) {
    const words = reader.words;
    const offset = reader.offset;
    const entryRecord = words[offset + byRecordRecordWord]!;
    if (entryRecord !== record) {
      record = entryRecord;
      labelled = false;
      checkedAnchor = -1;
    }
    const anchor = words[offset + byRecordLabelIndexWord]!;
    if (joins != null && anchor !== record) {
      // Entries of one record come grouped by anchor: check each anchor once.
      if (anchor !== checkedAnchor) {
        checkedAnchor = anchor;
        accepted = joins(record, anchor);
        if (!accepted) refused++;
      }
      if (!accepted) continue;
    }
    if (!labelled) {
      label.set(words.subarray(offset + byRecordLabelWord, offset + byRecordLabelIndexWord + 1));
      labelled = true;
    }
    const entry = out.reserve();
    const target = out.records;
    target[entry + byBucketBucketWord] = words[offset + byRecordBucketWord]!;
    target.set(label, entry + byBucketLabelWord);
    target[entry + byBucketRecordWord] = record;
    target[entry + byBucketBandWord] = words[offset + byRecordBandWord]!;
    if (++sinceYield === entriesPerTurn) {
      sinceYield = 0;
      await nextTurn();
    }
  }
  return refused;
}

/**
 * Bucket half of a pass: reads by-bucket entries (smallest label first in each bucket) and files,
 * for each member, a by-record entry with its bucket's smallest label, flagged when the bucket holds
 * the record that label names. Returns whether any member's label differed from its bucket's
 * smallest (so the record half of this pass changes some label; when none does, labels are final).
 */
async function spreadBucketMinima(reader: SortedRecordReader, out: ExternalSorter): Promise<boolean> {
  const label = new Uint32Array(idPrefixWords + 1);
  let bucket = -1;
  let direct = 0;
  let changed = false;
  let sinceYield = 0;
  while (reader.next()) {
    const words = reader.words;
    const offset = reader.offset;
    const entryBucket = words[offset + byBucketBucketWord]!;
    const entryLabel = words[offset + byBucketLabelIndexWord]!;
    if (entryBucket !== bucket) {
      bucket = entryBucket;
      label.set(words.subarray(offset + byBucketLabelWord, offset + byBucketLabelIndexWord + 1));
      // The member the label names sorts first among equal labels.
      direct = words[offset + byBucketRecordWord] === entryLabel ? 1 : 0;
    } else if (entryLabel !== label[idPrefixWords]) {
      changed = true;
    }
    const entry = out.reserve();
    const target = out.records;
    target[entry + byRecordRecordWord] = words[offset + byBucketRecordWord]!;
    target.set(label, entry + byRecordLabelWord);
    target[entry + byRecordBandWord] = words[offset + byBucketBandWord]!;
    target[entry + byRecordBucketWord] = bucket;
    target[entry + byRecordDirectWord] = direct;
    if (++sinceYield === entriesPerTurn) {
      sinceYield = 0;
      await nextTurn();
    }
  }
  return changed;
}
