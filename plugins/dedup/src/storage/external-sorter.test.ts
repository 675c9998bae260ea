import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../test-support/seeded-random';
import { ExternalSorter, type RecordComparator } from './external-sorter';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'dedup9-sorter-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

/** Records of (key, index): by key, then index. */
const byKeyThenIndex: RecordComparator = (left, leftOffset, right, rightOffset) =>
  left[leftOffset]! - right[rightOffset]! || left[leftOffset + 1]! - right[rightOffset + 1]!;

async function sortWith(keys: ReadonlyArray<number>, options: { bufferBytes?: number; mergeFanIn?: number }) {
  const sorter = new ExternalSorter({ directory, name: 'test', wordsPerRecord: 2, compare: byKeyThenIndex, ...options });
  keys.forEach((key, index) => {
    const offset = sorter.reserve();
    sorter.records[offset] = key;
    sorter.records[offset + 1] = index;
  });
  const runs = sorter.runCount;
  const reader = await sorter.finish();
  const sorted: Array<[number, number]> = [];
  while (reader.next()) sorted.push([reader.words[reader.offset]!, reader.words[reader.offset + 1]!]);
  return { sorted, runs };
}

describe('ExternalSorter', () => {
  const random = seededRandom(5);
  const keys = Array.from({ length: 5000 }, () => Math.floor(random() * 0x1_0000_0000) % (random() < 0.3 ? 50 : 0x1_0000_0000));
  const expected = keys.map((key, index): [number, number] => [key, index]).sort((left, right) => left[0] - right[0] || left[1] - right[1]);

  it('sorts in memory when the records fit in its buffer', async () => {
    const { sorted, runs } = await sortWith(keys, {});
    expect(runs).toBe(0);
    expect(sorted).toEqual(expected);
  });

  it('sorts through runs on disk, merged in several rounds, and deletes them', async () => {
    const { sorted, runs } = await sortWith(keys, { bufferBytes: 800, mergeFanIn: 4 });
    expect(runs).toBeGreaterThan(16);
    expect(sorted).toEqual(expected);
    expect(readdirSync(directory)).toEqual([]);
  });

  it('handles no records, one record, and unsigned keys above 2^31', async () => {
    expect((await sortWith([], { bufferBytes: 8 })).sorted).toEqual([]);
    expect((await sortWith([7], { bufferBytes: 8 })).sorted).toEqual([[7, 0]]);
    expect((await sortWith([0xffffffff, 1, 0x80000000], { bufferBytes: 16, mergeFanIn: 2 })).sorted).toEqual([
      [1, 1],
      [0x80000000, 2],
      [0xffffffff, 0],
    ]);
  });

  it('deletes its runs when closed before finishing, and refuses records after finishing', async () => {
    const sorter = new ExternalSorter({ directory, name: 'closed', wordsPerRecord: 2, compare: byKeyThenIndex, bufferBytes: 16 });
    for (let index = 0; index < 10; index++) sorter.reserve();
    expect(readdirSync(directory).length).toBeGreaterThan(0);
    sorter.close();
    expect(readdirSync(directory)).toEqual([]);
    expect(() => sorter.reserve()).toThrow(/after finish/);
  });
});
