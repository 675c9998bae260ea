import { describe, expect, it } from 'vitest';
import { batchRecords } from './batch-records';

async function* paced(items: ReadonlyArray<number>, pauseAfter: number, pauseMs: number): AsyncGenerator<number> {
  for (const item of items) {
    yield item;
    if (item === pauseAfter) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

async function collect<Item>(source: AsyncIterable<Item[]>): Promise<Item[][]> {
  const batches: Item[][] = [];
  for await (const batch of source) batches.push(batch);
  return batches;
}

describe('batchRecords', () => {
  it('sends full batches as soon as they fill, and the rest at the end', async () => {
    expect(await collect(batchRecords(paced([1, 2, 3, 4, 5, 6, 7], 0, 0), 3, 1000))).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('does not hold a partial batch while the stream is slow: it goes after the linger time', async () => {
    // After 2 the stream pauses far longer than the linger time: [1, 2] goes alone.
    expect(await collect(batchRecords(paced([1, 2, 3, 4], 2, 200), 3, 10))).toEqual([[1, 2], [3, 4]]);
  });

  it('waits for full batches with an infinite linger time, and gives nothing for an empty stream', async () => {
    expect(await collect(batchRecords(paced([1, 2, 3, 4], 2, 50), 3, Number.POSITIVE_INFINITY))).toEqual([[1, 2, 3], [4]]);
    expect(await collect(batchRecords(paced([], 0, 0), 3, 10))).toEqual([]);
  });

  it('stops when its signal aborts, without the partial batch, and closes the source', async () => {
    const controller = new AbortController();
    let closed = false;
    async function* source(): AsyncGenerator<number> {
      try {
        for (let item = 1; ; item++) {
          yield item;
          if (item === 4) controller.abort();
        }
      } finally {
        closed = true;
      }
    }
    expect(await collect(batchRecords(source(), 3, 1000, controller.signal))).toEqual([[1, 2, 3]]);
    expect(closed).toBe(true);
  });
});
