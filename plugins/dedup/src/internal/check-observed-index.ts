/**
 * Checks that an observed item has the next index: the engine numbers a stage's records from 0
 * without gaps across `observe` calls, and the filters rely on it to give verdicts in that order.
 */
export function checkObservedIndex(index: number, expected: number, filterName: string): void {
  if (index !== expected) {
    throw new Error(
      `${filterName}: observed a record with index ${index} where ${expected} was expected; item indexes must run from 0 upwards without gaps across observe() calls.`,
    );
  }
}
