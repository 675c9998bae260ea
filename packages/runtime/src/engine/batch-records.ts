/**
 * Groups a stream into batches of up to `size` items, as the items come: a batch goes as soon as
 * it is full, or when the stream has given nothing for `lingerMs` milliseconds (so a slow stream
 * is never held up waiting for a full batch), or when the stream ends. No batch is empty.
 *
 * @param lingerMs how long a partial batch waits for more items; `Infinity` waits for a full batch
 *   (for a file, whose next line is always at hand).
 * @param signal stops waiting: the generator ends (without the partial batch) when it aborts.
 */
export async function* batchRecords<Item>(
  source: AsyncIterable<Item>,
  size: number,
  lingerMs: number,
  signal?: AbortSignal,
): AsyncGenerator<Item[]> {
  const iterator = source[Symbol.asyncIterator]();
  let batch: Item[] = [];
  let pending: Promise<IteratorResult<Item>> | undefined;
  try {
    while (signal?.aborted !== true) {
      pending ??= iterator.next();
      const result = batch.length === 0 || !Number.isFinite(lingerMs) ? await pending : await raceTimeout(pending, lingerMs);
      if (result === timedOut) {
        yield batch;
        batch = [];
        continue;
      }
      pending = undefined;
      if (result.done === true) break;
      batch.push(result.value);
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0 && signal?.aborted !== true) yield batch;
  } finally {
    // A next() still pending when the consumer stops settles on its own; the source is closed.
    if (pending == null) await iterator.return?.();
    else void pending.then(() => iterator.return?.(), () => undefined);
  }
}

// --- Internal helpers ---

const timedOut: unique symbol = Symbol('timed out');

async function raceTimeout<Value>(promise: Promise<Value>, milliseconds: number): Promise<Value | typeof timedOut> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<typeof timedOut>((resolve) => (timer = setTimeout(resolve, milliseconds, timedOut)))]);
  } finally {
    clearTimeout(timer);
  }
}
