import { createHash } from 'node:crypto';

/**
 * An id for a batch of records, from their `_id`s in order: the `recordId` of the calls made for
 * the batch, which is part of their cache keys. A batch of one is its record's id.
 */
export function batchId(records: ReadonlyArray<{ readonly _id: string }>): string {
  if (records.length === 1) return records[0]!._id;
  const hash = createHash('sha256');
  for (const record of records) hash.update(record._id).update('\n');
  return hash.digest('hex').slice(0, 32);
}
