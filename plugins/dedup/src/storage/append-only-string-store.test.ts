import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppendOnlyStringStore } from './append-only-string-store';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'dedup9-store-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('AppendOnlyStringStore', () => {
  it('reads back every string by number, short, empty, multi-byte or larger than its buffer', () => {
    const store = new AppendOnlyStringStore(directory, 'texts', { bufferBytes: 16, cachedStrings: 2 });
    const strings = ['', 'a', 'é中\u{1f600}', 'x'.repeat(100), 'line\nbreak', ...Array.from({ length: 5000 }, (_, index) => `id-${index}`)];
    for (const text of strings) store.append(text);
    expect(store.size).toBe(strings.length);
    for (const index of [3, 0, 2, 4, 5004, 1, 2, 4000]) expect(store.read(index)).toBe(strings[index]);
    expect(store.readRange(0, 6)).toEqual(strings.slice(0, 6));
    expect(store.readRange(4999, 5)).toEqual(strings.slice(4999, 5004));
    expect(store.readRange(10, 0)).toEqual([]);
    expect(() => store.read(strings.length)).toThrow(/no string number 5005; it holds 5005/);
    store.close();
    expect(readdirSync(directory)).toEqual([]);
  });
});
