import { createHash } from 'node:crypto';

/**
 * A record's stable id: the first 16 hex characters (64 bits) of sha256 over its lineage —
 * parent id, stage name and output index. The same recipe over the same inputs gives the same ids,
 * which is what makes sinks exactly-once and runs resumable.
 */
export function createRecordId(parentId: string, stage: string, index: number): string {
  return createHash('sha256').update(`${parentId}\u0000${stage}\u0000${index}`).digest('hex').slice(0, 16);
}
