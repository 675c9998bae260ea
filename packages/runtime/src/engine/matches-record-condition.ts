import type { JsonRecord, JsonValue } from '@synthkit/core';
import type { RecordCondition } from '../recipe/recipe-schema';

/**
 * Whether a record passes a stage's `when:` test. Every test given must hold. A missing (or null)
 * field passes only `exists: false`; the number tests hold only for numbers; `equals` and `in`
 * compare as JSON, so `1` does not equal `"1"`.
 */
export function matchesRecordCondition(condition: RecordCondition, record: JsonRecord): boolean {
  const value = record[condition.field];
  const present = value !== undefined && value !== null;
  if (condition.exists !== undefined && condition.exists !== present) return false;
  if (!present) return condition.exists === false;
  if (condition.equals !== undefined && !sameJson(value, condition.equals)) return false;
  if (condition.in !== undefined && !condition.in.some((candidate) => sameJson(value, candidate))) return false;
  const bounds = [condition.above, condition.at_least, condition.below, condition.at_most];
  if (bounds.some((bound) => bound !== undefined)) {
    if (typeof value !== 'number') return false;
    if (condition.above !== undefined && !(value > condition.above)) return false;
    if (condition.at_least !== undefined && !(value >= condition.at_least)) return false;
    if (condition.below !== undefined && !(value < condition.below)) return false;
    if (condition.at_most !== undefined && !(value <= condition.at_most)) return false;
  }
  return true;
}

// --- Internal helpers ---

function sameJson(value: JsonValue, expected: unknown): boolean {
  return JSON.stringify(value) === JSON.stringify(expected);
}
