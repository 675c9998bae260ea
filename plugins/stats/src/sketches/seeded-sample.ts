import { hashText } from './hash-text';

/** A text the {@link SeededSample} holds. */
export interface SampledText {
  /** The key it was added with (a record's `_id`, or its position). */
  readonly key: string;
  readonly text: string;
  /** Its priority: the seeded hash of `key`; the sample keeps the smallest. */
  readonly priority: number;
  /** Its embedding, once the caller has set one (with `embeddings: true`). */
  embedding?: ReadonlyArray<number>;
}

/**
 * A seeded uniform sample of at most `size` texts, in memory of `size` texts whatever the count:
 * reservoir sampling by priorities (bottom-k), where each text's priority is the seeded 53-bit
 * hash of its key and the sample is the `size` texts with the smallest priorities. So the sample
 * depends only on the seed and the set of keys, never on the order the texts came in: a run whose
 * records arrive in another order samples the same ones, and so does a resumed run. Keys should be
 * distinct (two texts with one key get the same priority; ties go to the smaller key, then to the
 * one added first).
 */
export class SeededSample {
  /** A max-heap on priority: the root is the first to go when a smaller priority comes. */
  private readonly heap: SampledText[] = [];

  /**
   * @param size most texts kept, at least 1.
   * @param seed changes which texts are kept: another seed gives an independent sample.
   */
  constructor(
    readonly size: number,
    readonly seed: number,
  ) {}

  /**
   * Offers one text to the sample.
   *
   * @returns the entry when the text entered the sample (it may leave it later), else undefined.
   */
  add(key: string, text: string): SampledText | undefined {
    const entry: SampledText = { key, text, priority: hashText(key, this.seed) };
    if (this.heap.length < this.size) {
      this.heap.push(entry);
      this.siftUp(this.heap.length - 1);
      return entry;
    }
    if (!comesBefore(entry, this.heap[0]!)) return undefined;
    this.heap[0] = entry;
    this.siftDown(0);
    return entry;
  }

  /** The texts in the sample, by increasing priority (an order that depends only on the seed and keys). */
  entries(): SampledText[] {
    return [...this.heap].sort((first, second) => (comesBefore(first, second) ? -1 : 1));
  }

  // --- Internal helpers ---

  private siftUp(index: number): void {
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!comesBefore(this.heap[parent]!, this.heap[child]!)) return;
      this.swap(parent, child);
      child = parent;
    }
  }

  private siftDown(index: number): void {
    let parent = index;
    for (;;) {
      const left = 2 * parent + 1;
      if (left >= this.heap.length) return;
      const right = left + 1;
      const later = right < this.heap.length && comesBefore(this.heap[left]!, this.heap[right]!) ? right : left;
      if (!comesBefore(this.heap[parent]!, this.heap[later]!)) return;
      this.swap(parent, later);
      parent = later;
    }
  }

  private swap(first: number, second: number): void {
    const entry = this.heap[first]!;
    this.heap[first] = this.heap[second]!;
    this.heap[second] = entry;
  }
}

// --- Internal helpers ---

/** True when `first` ranks before `second` in the sample: smaller priority, then smaller key. */
function comesBefore(first: SampledText, second: SampledText): boolean {
  return first.priority < second.priority || (first.priority === second.priority && first.key < second.key);
}
