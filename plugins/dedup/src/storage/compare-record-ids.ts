import type { AppendOnlyStringStore } from './append-only-string-store';
import { compareIdPrefixes, compareIds } from './id-prefix';

/**
 * Orders two sort records by the `_id` of the record each names: by their id prefixes (see
 * `writeIdPrefix`) at `leftIdOffset` / `rightIdOffset`, then, when the prefixes tie, by the whole
 * ids read back from `ids`, then by record index (so the order is total even for equal ids).
 */
export function compareRecordIds(
  ids: AppendOnlyStringStore,
  left: Uint32Array,
  leftIdOffset: number,
  leftIndex: number,
  right: Uint32Array,
  rightIdOffset: number,
  rightIndex: number,
): number {
  return (
    compareIdPrefixes(left, leftIdOffset, right, rightIdOffset) ||
    (leftIndex === rightIndex ? 0 : compareIds(ids.read(leftIndex), ids.read(rightIndex))) ||
    leftIndex - rightIndex
  );
}
