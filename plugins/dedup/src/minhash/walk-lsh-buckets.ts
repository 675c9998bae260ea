import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AppendOnlyStringStore } from '../storage/append-only-string-store';
import type { SortedRecordReader } from '../storage/external-sorter';
import { compareIdPrefixes, compareIds, idPrefixWords } from '../storage/id-prefix';

/** Where a band entry keeps its band, `_id` prefix and record index (its band key is in its first two words). */
export interface BandEntryLayout {
  readonly bandWord: number;
  readonly idWord: number;
  readonly indexWord: number;
}

/**
 * Called for each bucket member whose `_id` is larger than its bucket's anchor (the bucket's first,
 * so smallest, `_id`), with the anchor's index and `_id` prefix (4 words at `anchorId[0]`) and the band.
 */
export type BucketMemberVisitor = (member: number, anchor: number, anchorId: Uint32Array, band: number) => void;

/**
 * Walks band entries sorted by band key, band, then `_id` (prefix, whole id on a tie), bucket by
 * bucket (same band, same key), and calls `visit` for every member whose `_id` is larger than the
 * bucket's anchor; a member with the anchor's very `_id` is skipped. Returns the number of calls.
 * Lets the event loop turn every 65,536 entries.
 */
export async function walkLshBuckets(reader: SortedRecordReader, ids: AppendOnlyStringStore, layout: BandEntryLayout, visit: BucketMemberVisitor): Promise<number> {
  const { bandWord, idWord, indexWord } = layout;
  const bucketKey = new Uint32Array(3);
  const anchorId = new Uint32Array(idPrefixWords);
  let anchorIndex = -1;
  let inBucket = false;
  let visited = 0;
  let sinceYield = 0;
  while (reader.next()) {
    const words = reader.words;
    const offset = reader.offset;
    if (inBucket && words[offset] === bucketKey[0] && words[offset + 1] === bucketKey[1] && words[offset + bandWord] === bucketKey[2]) {
      const index = words[offset + indexWord]!;
      // Sorted by _id, so this one is not smaller; skip it only when it is the same _id.
      const larger = compareIdPrefixes(words, offset + idWord, anchorId, 0) !== 0 || compareIds(ids.read(index), ids.read(anchorIndex)) > 0;
      if (larger) {
        visit(index, anchorIndex, anchorId, bucketKey[2]!);
        visited++;
      }
    } else {
      inBucket = true;
      bucketKey[0] = words[offset]!;
      bucketKey[1] = words[offset + 1]!;
      bucketKey[2] = words[offset + bandWord]!;
      anchorId.set(words.subarray(offset + idWord, offset + idWord + idPrefixWords));
      anchorIndex = words[offset + indexWord]!;
    }
    if (++sinceYield === 1 << 16) {
      sinceYield = 0;
      await nextTurn();
    }
  }
  return visited;
}
