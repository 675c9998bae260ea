import { describe, expect, it } from 'vitest';
import { mapConcurrent } from './map-concurrent';

async function* numbers(count: number, onPull?: (index: number) => void) {
  for (let index = 0; index < count; index++) {
    onPull?.(index);
    yield index;
  }
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

describe('mapConcurrent', () => {
  it('yields every output, as workers finish rather than in input order', async () => {
    const outputs: number[] = [];
    for await (const output of mapConcurrent<number, number>(numbers(4), { concurrency: 4 }, async (item, emit) => {
      await sleep((4 - item) * 5);
      emit(item);
      emit(item * 10);
    })) {
      outputs.push(output);
    }
    expect(outputs.sort((a, b) => a - b)).toEqual([0, 0, 1, 2, 3, 10, 20, 30]);
    expect(outputs).toHaveLength(8);
  });

  it('starts the next item as soon as one finishes (a sliding window, not chunks)', async () => {
    const started: number[] = [];
    const release = new Map<number, () => void>();
    let releaseAtOnce = false;
    const iterator = mapConcurrent<number, number>(numbers(5), { concurrency: 2 }, async (item, emit) => {
      started.push(item);
      if (!releaseAtOnce) await new Promise<void>((resolve) => release.set(item, resolve));
      emit(item);
    });
    const first = iterator.next();
    await sleep(5);
    expect(started).toEqual([0, 1]);
    release.get(1)!();
    expect((await first).value).toBe(1);
    await sleep(5);
    // Item 0 is still running; a chunked runner would wait for it before starting item 2.
    expect(started).toEqual([0, 1, 2]);
    releaseAtOnce = true;
    for (const resolve of release.values()) resolve();
    const rest: number[] = [];
    for await (const output of { [Symbol.asyncIterator]: () => iterator }) rest.push(output);
    expect(rest.sort()).toEqual([0, 2, 3, 4]);
  });

  it('pulls lazily: a consumer that stops early stops the source', async () => {
    const pulled: number[] = [];
    const outputs: number[] = [];
    for await (const output of mapConcurrent<number, number>(numbers(1000, (index) => pulled.push(index)), { concurrency: 3, bufferLimit: 3 }, async (item, emit) => {
      emit(item);
    })) {
      outputs.push(output);
      if (outputs.length === 5) break;
    }
    expect(pulled.length).toBeLessThan(20);
  });

  it('stops upstream stages too when the consumer stops early, even while they are waiting', async () => {
    let scored = 0;
    const upstream = mapConcurrent<number, number>(numbers(500), { concurrency: 4 }, async (item, emit) => {
      scored++;
      await sleep(0);
      if (item === 0) emit(item); // a filter that keeps only the first record
    });
    const downstream = mapConcurrent<number, number>(upstream, { concurrency: 4 }, async (item, emit) => emit(item));
    for await (const _output of downstream) break;
    await sleep(20);
    expect(scored).toBeLessThan(50);
  });

  it('rethrows a worker failure to the consumer', async () => {
    const consume = async () => {
      for await (const _output of mapConcurrent<number, number>(numbers(10), { concurrency: 2 }, async (item, emit) => {
        if (item === 3) throw new Error('worker broke on 3');
        emit(item);
      })) {
        // Consume.
      }
    };
    await expect(consume()).rejects.toThrowError('worker broke on 3');
  });

  it('rethrows a source failure', async () => {
    async function* failing() {
      yield 1;
      throw new Error('source broke');
    }
    const consume = async () => {
      for await (const _output of mapConcurrent<number, number>(failing(), { concurrency: 2 }, async (item, emit) => emit(item))) {
        // Consume.
      }
    };
    await expect(consume()).rejects.toThrowError('source broke');
  });

  it('stops taking new items when the signal aborts, letting items in flight finish', async () => {
    const controller = new AbortController();
    const outputs: number[] = [];
    for await (const output of mapConcurrent<number, number>(numbers(100), { concurrency: 2, signal: controller.signal }, async (item, emit) => {
      await sleep(2);
      emit(item);
    })) {
      outputs.push(output);
      if (outputs.length === 3) controller.abort();
    }
    expect(outputs.length).toBeGreaterThanOrEqual(3);
    expect(outputs.length).toBeLessThanOrEqual(5);
  });
});
