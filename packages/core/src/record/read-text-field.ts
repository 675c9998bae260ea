import type { JsonRecord } from './json-record';

/**
 * The text of the record field a task reads, named by one of its options (`field: text`,
 * `prompt_field: revision`). `synthkit validate` checks that an earlier stage produces the field; a
 * record that still lacks it (a seed line without it) or holds something else there fails, with the
 * field, the option that names it and the record's fields in the message. Shared so every plugin
 * reports a missing or non-text field in the same words.
 *
 * @param option The task option that names the field, quoted in the message so the user knows what to change. Default: `field`.
 * @throws Error when the field is missing or does not hold text.
 */
export function readTextField(record: JsonRecord, field: string, option = 'field'): string {
  const value = record[field];
  if (typeof value === 'string') return value;
  const fields = Object.keys(record).join(', ') || 'none';
  if (value === undefined) {
    throw new Error(`the record has no field "${field}" (its fields: ${fields}); set the stage's options.${option} to the field that holds the text.`);
  }
  const kind = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
  throw new Error(`the field "${field}" holds ${kind}, not text; set the stage's options.${option} to a field that holds text (the record's fields: ${fields}).`);
}
