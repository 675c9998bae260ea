/**
 * Runs `worker` on every item of `source`, at most `concurrency` at once, and yields what the
 * workers emit as soon as they emit it (not in input order).
 *
 * This is a sliding window, never chunk-and-wait: the moment one worker finishes, the next item
 * is pulled. Items are pulled lazily, so a slow consumer slows the producers (at most
 * `concurrency` items are in flight and at most `bufferLimit` outputs wait to be consumed before
 * no new item is started). Stages chained with it have no barriers: the first record out of one
 * stage reaches the next while the first is still working.
 *
 * A worker that throws fails the whole iteration; stages catch per-record errors themselves.
 */
export async function* mapConcurrent<Input, Output>(
  source: AsyncIterable<Input>,
  {
    concurrency,
    bufferLimit = Math.max(concurrency, 16),
    signal,
  }: {
    /** Items in flight at once; at least 1. */
    concurrency: number;
    /** Outputs waiting for the consumer beyond which no new item is started. Default max(concurrency, 16). */
    bufferLimit?: number;
    /** Stops pulling new items when aborted; items in flight still finish. */
    signal?: AbortSignal;
  },
  worker: (item: Input, emit: (output: Output) => void) => Promise<void>,
): AsyncGenerator<Output> {
  const iterator = source[Symbol.asyncIterator]();
  const ready: Output[] = [];
  let readIndex = 0;
  let active = 0;
  let pulling = false;
  let sourceDone = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const limit = Math.max(1, Math.floor(concurrency));

  const notify = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const emit = (output: Output) => {
    ready.push(output);
    notify();
  };
  const pull = () => {
    if (pulling || sourceDone || failure != null || active >= limit || signal?.aborted) return;
    if (ready.length - readIndex >= bufferLimit) return;
    pulling = true;
    iterator.next().then(
      (result) => {
        pulling = false;
        if (result.done) {
          sourceDone = true;
          notify();
          return;
        }
        active++;
        Promise.resolve()
          .then(() => worker(result.value, emit))
          .catch((error: unknown) => {
            failure ??= { error };
          })
          .finally(() => {
            active--;
            notify();
            pull();
          });
        pull();
      },
      (error: unknown) => {
        pulling = false;
        failure ??= { error };
        notify();
      },
    );
  };

  try {
    pull();
    for (;;) {
      if (readIndex < ready.length) {
        const output = ready[readIndex]!;
        ready[readIndex++] = undefined as Output;
        if (readIndex > 1024 && readIndex * 2 > ready.length) {
          ready.splice(0, readIndex);
          readIndex = 0;
        }
        yield output;
        pull();
        continue;
      }
      if (failure != null) throw failure.error;
      if (active === 0 && !pulling && (sourceDone || signal?.aborted)) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      pull();
    }
  } finally {
    if (!sourceDone) await iterator.return?.();
  }
}
