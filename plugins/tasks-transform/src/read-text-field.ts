import type { JsonRecord } from '@synthkit/core';

/**
 * The text of the field a transform reads (its `field` option). `synthkit validate` checks that an
 * earlier stage produces the field; a record that still lacks it (a seed line without it) or holds
 * something else there fails, with the field's name and the record's fields in the message.
 *
 * @throws Error when the field is missing or does not hold text.
 */
export function readTextField(input: JsonRecord, field: string): string {
  const value = input[field];
  if (typeof value === 'string') return value;
  const fields = Object.keys(input).join(', ') || 'none';
  if (value === undefined) {
    throw new Error(`the record has no field "${field}" (its fields: ${fields}); set the stage's options.field to the field that holds the text.`);
  }
  const kind = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
  throw new Error(`the field "${field}" holds ${kind}, not text; set the stage's options.field to a field that holds text (the record's fields: ${fields}).`);
}
