import { hash } from 'node:crypto';
import type { JsonRecord } from '@synthkit/core';
import { stableStringify } from './stable-stringify';

/**
 * A record's stable id: the first 16 hex characters (64 bits) of sha256 over its lineage —
 * parent id, stage name and output index. The same recipe over the same inputs gives the same ids,
 * which is what makes sinks exactly-once and runs resumable.
 */
export function createRecordId(parentId: string, stage: string, index: number): string {
  return hash('sha256', `${parentId}\u0000${stage}\u0000${index}`, 'hex').slice(0, 16);
}

/**
 * The id of a seed record without an `_id`: the first 16 hex characters of sha256 over the stage
 * name and the record's content (keys sorted by code unit), so the same record gets the same id
 * wherever it sits in the file, and editing one line changes that line's id only.
 */
export function createContentRecordId(stage: string, fields: JsonRecord): string {
  return hash('sha256', `${stage}\u0000${stableStringify(fields)}`, 'hex').slice(0, 16);
}
