/**
 * At most `limit` tasks at once; tasks waiting for a slot start highest priority first, in arrival
 * order within a priority. A task whose signal aborts while it waits leaves the queue at once.
 *
 * Hand-written rather than p-queue, which the engine used first: a model call passes through here
 * on every attempt, and p-queue does per task what this use does not need (an id string made from a
 * BigInt, events, a map of running tasks, a timeout wrapper, and a `Promise.race` with an abort
 * listener that is never removed). Here a task that finds a free slot costs no extra promise and
 * no listener; only waiting tasks get a queue entry and an abort listener, removed when they start.
 * The difference is measured in bench/RESULTS.md.
 */
export class PrioritySemaphore {
  /** Tasks running now. */
  active = 0;
  private limitValue: number;
  /** A binary max-heap of waiting tasks by (priority, then earliest arrival). */
  private readonly heap: Waiter[] = [];
  private arrivals = 0;

  constructor(limit: number) {
    this.limitValue = Math.max(1, Math.floor(limit));
  }

  /** Tasks allowed at once. Raising it starts waiting tasks; lowering it lets running ones finish. */
  get limit(): number {
    return this.limitValue;
  }

  set limit(value: number) {
    this.limitValue = Math.max(1, Math.floor(value));
    this.startWaiting();
  }

  /** Tasks waiting for a slot. */
  get waiting(): number {
    return this.heap.length;
  }

  /**
   * Runs `task` once a slot is free and holds the slot until it settles. Rejects with the signal's
   * reason when it aborts before the task starts.
   */
  run<Result>(task: () => PromiseLike<Result>, priority: number, signal: AbortSignal): Promise<Result> {
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    if (this.active < this.limitValue && this.heap.length === 0) return this.execute(task);
    return new Promise<Result>((resolve, reject) => {
      const waiter: Waiter = {
        priority,
        arrival: this.arrivals++,
        start: () => {
          signal.removeEventListener('abort', onAbort);
          this.execute(task).then(resolve, reject);
        },
      };
      const onAbort = () => {
        this.remove(waiter);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.push(waiter);
    });
  }

  // --- Internal helpers ---

  private async execute<Result>(task: () => PromiseLike<Result>): Promise<Result> {
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.startWaiting();
    }
  }

  private startWaiting(): void {
    while (this.active < this.limitValue && this.heap.length > 0) this.pop().start();
  }

  private push(waiter: Waiter): void {
    this.heap.push(waiter);
    this.siftUp(this.heap.length - 1);
  }

  private pop(): Waiter {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private remove(waiter: Waiter): void {
    const index = this.heap.indexOf(waiter);
    if (index < 0) return;
    const last = this.heap.pop()!;
    if (index === this.heap.length) return;
    // The last entry takes the removed one's place, then moves down or up to where it belongs.
    this.heap[index] = last;
    this.siftDown(index);
    this.siftUp(index);
  }

  private siftUp(start: number): void {
    const heap = this.heap;
    let index = start;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(heap[index]!, heap[parent]!)) return;
      [heap[index], heap[parent]] = [heap[parent]!, heap[index]!];
      index = parent;
    }
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    let index = start;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let best = index;
      if (left < heap.length && before(heap[left]!, heap[best]!)) best = left;
      if (right < heap.length && before(heap[right]!, heap[best]!)) best = right;
      if (best === index) return;
      [heap[index], heap[best]] = [heap[best]!, heap[index]!];
      index = best;
    }
  }
}

interface Waiter {
  readonly priority: number;
  readonly arrival: number;
  start(): void;
}

/** True when `first` should start before `second`: higher priority, then earlier arrival. */
function before(first: Waiter, second: Waiter): boolean {
  return first.priority !== second.priority ? first.priority > second.priority : first.arrival < second.arrival;
}
