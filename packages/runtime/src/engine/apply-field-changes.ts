import type { JsonRecord, JsonValue } from '@synthkit/core';

/** What a `- fields:` stage does, in the order it does it. */
export interface FieldChanges {
  readonly select?: ReadonlyArray<string>;
  readonly drop?: ReadonlyArray<string>;
  readonly rename?: Readonly<Record<string, string>>;
  readonly set?: Readonly<Record<string, JsonValue>>;
}

/**
 * A record's fields after a `- fields:` stage: `select` keeps only the fields it names, `drop`
 * removes fields, `rename` moves a field to a new name (replacing what was there), `set` writes
 * values over the rest. A field the record lacks is left alone. Used by the engine on records and by
 * `validate` on the names of the fields that reach the stage, so both follow the same rules.
 */
export function applyFieldChanges(record: JsonRecord, { select, drop, rename, set }: FieldChanges): JsonRecord {
  let fields: JsonRecord = select == null ? { ...record } : Object.fromEntries(select.filter((field) => field in record).map((field) => [field, record[field]!]));
  for (const field of drop ?? []) delete fields[field];
  for (const [from, to] of Object.entries(rename ?? {})) {
    if (!(from in fields)) continue;
    const value = fields[from]!;
    delete fields[from];
    fields[to] = value;
  }
  fields = { ...fields, ...set };
  return fields;
}
