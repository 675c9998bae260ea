import type { JsonRecord } from '@synthkit/core';
import { recordFields } from './pipeline-record';

/**
 * Why a filter or modifier stage cannot read a record: its field is missing or not text. It names
 * the fields the record has and the fix in both places a field is chosen (a recipe stage's
 * `field:`, `synthkit filter --field`).
 */
export function missingTextReason(field: string, record: JsonRecord, kind: 'filter' | 'modifier'): string {
  const value = record[field];
  return (
    `field "${field}" is ${value === undefined ? 'missing' : `a ${value === null ? 'null' : typeof value}, not text`}; ` +
    `set "field" on the ${kind} stage (with synthkit filter: --field) to a text field (record fields: ${Object.keys(recordFields(record)).join(', ') || 'none'}).`
  );
}
