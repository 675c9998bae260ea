import type { JsonRecord } from '@synthkit/core';
import { z } from 'zod';

/**
 * What every Nemotron-CC task reads: a record whose `input_field` (`text` by default, as web-text
 * JSONL has it) holds the document. The field is named by an option, so the schema takes any record;
 * each task declares the field through `fields`, which `synthkit validate` checks.
 */
export const documentRecordSchema = z.record(z.string(), z.json());

/**
 * The document of a record: the text in its field `field`.
 *
 * @throws Error when the field is missing or not text, naming the record's fields (the record fails).
 */
export function readDocument(record: JsonRecord, field: string): string {
  const value = record[field];
  if (typeof value === 'string') return value;
  const found = value === undefined ? 'is missing' : `is ${value === null ? 'null' : `a ${Array.isArray(value) ? 'list' : typeof value}`}, not text`;
  throw new Error(
    `The document field "${field}" ${found}; set the option input_field to the field that holds the document (this record has: ${Object.keys(record).join(', ') || 'no fields'}).`,
  );
}
