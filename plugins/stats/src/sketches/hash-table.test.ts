import { describe, expect, it } from 'vitest';
import { hashText } from './hash-text';
import { HashTable } from './hash-table';

describe('HashTable', () => {
  it('behaves as a Map of hashes through growth and many deletions', () => {
    const table = new HashTable(4);
    const reference = new Map<number, number>();
    // Keys that share their low bits collide in the table: the probing and back-shifting paths run.
    const keys = Array.from({ length: 3000 }, (_, index) => (index % 3 === 0 ? (index + 1) * 4294967296 + 7 : hashText(`key ${index}`)));
    keys.forEach((key, index) => {
      table.set(key, index);
      reference.set(key, index);
      if (index % 4 === 3) {
        const removed = keys[index - 2]!;
        table.delete(removed);
        reference.delete(removed);
      }
    });
    table.delete(12345);
    expect(table.size).toBe(reference.size);
    for (const key of keys) expect(table.get(key)).toBe(reference.get(key) ?? -1);
    table.set(keys[0]!, 99);
    expect(table.get(keys[0]!)).toBe(99);
    expect(table.size).toBe(reference.size);
  });
});
