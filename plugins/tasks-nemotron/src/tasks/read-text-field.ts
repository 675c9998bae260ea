import type { JsonRecord } from '@synthkit/core';

/**
 * The text in the record's field `field`, for a task whose options name the field it reads (the
 * classifiers' entity, the dialogue's opening prompt, the text a yaml-conversion stage converts).
 *
 * @param what What the field holds, for the message: `entity`, `opening prompt`, `text`.
 * @throws Error when the field is missing or does not hold text, naming the record's fields and the
 *   option to set (the record fails: a recipe that points at the wrong field should be fixed, not
 *   skipped record by record).
 */
export function readTextField(record: JsonRecord, field: string, what: string): string {
  const value = record[field];
  if (typeof value === 'string') return value;
  const found = value === undefined ? 'is missing' : `is ${value === null ? 'null' : `a ${Array.isArray(value) ? 'list' : typeof value}`}, not text`;
  throw new Error(
    `The ${what} field "${field}" ${found}; set the option field to the field that holds the ${what} (this record has: ${Object.keys(record).join(', ') || 'no fields'}).`,
  );
}
