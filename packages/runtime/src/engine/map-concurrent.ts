/** Options of {@link mapConcurrent}. */
export interface MapConcurrentOptions {
  /** Items in flight at once; at least 1. */
  readonly concurrency: number;
  /** Outputs waiting for the consumer beyond which no new item is started. Default max(concurrency, 16). */
  readonly bufferLimit?: number;
  /** Stops pulling new items when aborted; items in flight still finish. */
  readonly signal?: AbortSignal;
}

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
export function mapConcurrent<Input, Output>(
  source: AsyncIterable<Input>,
  options: MapConcurrentOptions,
  worker: (item: Input, emit: (output: Output) => void) => Promise<void>,
): AsyncGenerator<Output> {
  const control: StopControl = { stopped: false, wake: undefined };
  const generator = runConcurrently(source, options, worker, control);
  // An async generator waiting inside (not at a `yield`) only sees `return()` once it yields again,
  // and a stage that drops records may never yield again. So `return()` first tells the loop to
  // stop, wakes it, and then lets the generator finish as usual.
  const finish = generator.return.bind(generator);
  generator.return = (value) => {
    control.stopped = true;
    control.wake?.();
    return finish(value);
  };
  return generator;
}

// --- Internal helpers ---

interface StopControl {
  /** Set when the consumer is gone (it stopped early or the iteration failed): start nothing new. */
  stopped: boolean;
  /** Resumes the loop when it waits for work to finish. */
  wake: (() => void) | undefined;
}

async function* runConcurrently<Input, Output>(
  source: AsyncIterable<Input>,
  {
    concurrency,
    bufferLimit = Math.max(concurrency, 16),
    signal,
  }: MapConcurrentOptions,
  worker: (item: Input, emit: (output: Output) => void) => Promise<void>,
  control: StopControl,
): AsyncGenerator<Output> {
  const iterator = source[Symbol.asyncIterator]();
  const ready: Output[] = [];
  let readIndex = 0;
  let active = 0;
  let pulling = false;
  let sourceDone = false;
  let failure: { error: unknown } | undefined;
  const limit = Math.max(1, Math.floor(concurrency));

  const notify = () => {
    const resume = control.wake;
    control.wake = undefined;
    resume?.();
  };
  const emit = (output: Output) => {
    ready.push(output);
    notify();
  };
  const pull = () => {
    if (control.stopped || pulling || sourceDone || failure != null || active >= limit || signal?.aborted) return;
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
        if (control.stopped) return;
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
      if (control.stopped) return;
      if (active === 0 && !pulling && (sourceDone || signal?.aborted)) return;
      await new Promise<void>((resolve) => {
        control.wake = resolve;
      });
      pull();
    }
  } finally {
    control.stopped = true;
    if (!sourceDone) {
      // With a `next()` still pending, `return()` would wait for the upstream to produce one more
      // item (possibly never, or only after much work); ask it to stop and move on.
      const stopping = iterator.return?.();
      if (pulling) Promise.resolve(stopping).catch(() => {});
      else await stopping;
    }
  }
}
