import { HashTable } from './hash-table';

/** One of the most frequent items a {@link SpaceSavingCounter} reports. */
export interface FrequentItem {
  /** The item's label, e.g. the words of an n-gram joined by spaces. */
  readonly label: string;
  /**
   * How often it came. Exact while the counter never overflowed; after that an upper bound, over
   * the true count by at most `error`.
   */
  readonly count: number;
  /** Most the count may be over the true count (0 while exact). */
  readonly error: number;
}

/**
 * The Space-Saving algorithm (Metwally, Agrawal and El Abbadi, 2005): counts at most `capacity`
 * items. While fewer distinct items than that have come, every count is exact. Past it, a new
 * item replaces the item with the smallest count and inherits that count (its possible error), so
 * any item more frequent than (items added) / capacity is sure to be kept, with a count over the
 * true one by at most its `error`. Items are keyed by a 53-bit hash; the label is made only when
 * an item enters the counter. A min-heap on the counts makes every `add` O(log capacity).
 */
export class SpaceSavingCounter {
  private readonly slotOfKey = new HashTable();
  // An item lives in one slot for as long as it is counted; the heap orders the slots by count.
  private readonly keys: Float64Array;
  private readonly counts: Float64Array;
  private readonly errors: Float64Array;
  private readonly labels: string[] = [];
  private readonly heap: Int32Array;
  private readonly heapIndexOfSlot: Int32Array;
  private size = 0;
  /** True once an item was evicted: the counts are then upper bounds. */
  overflowed = false;

  /** @param capacity most items kept, at least 1. */
  constructor(private readonly capacity: number) {
    this.keys = new Float64Array(capacity);
    this.counts = new Float64Array(capacity);
    this.errors = new Float64Array(capacity);
    this.heap = new Int32Array(capacity);
    this.heapIndexOfSlot = new Int32Array(capacity);
  }

  /**
   * Counts one occurrence of the item with this hash.
   *
   * @param label called only when the item enters the counter, to name it.
   */
  add(key: number, label: () => string): void {
    const slot = this.slotOfKey.get(key);
    if (slot >= 0) {
      this.counts[slot]!++;
      this.siftDown(this.heapIndexOfSlot[slot]!);
      return;
    }
    if (this.size < this.capacity) {
      const newSlot = this.size++;
      this.fill(newSlot, key, 1, 0, label());
      this.heap[newSlot] = newSlot;
      this.heapIndexOfSlot[newSlot] = newSlot;
      this.siftUp(newSlot);
      return;
    }
    // Evict the least counted item (the heap's root); the newcomer takes its slot and inherits its count as error.
    this.overflowed = true;
    const smallestSlot = this.heap[0]!;
    const smallest = this.counts[smallestSlot]!;
    this.slotOfKey.delete(this.keys[smallestSlot]!);
    this.fill(smallestSlot, key, smallest + 1, smallest, label());
    this.siftDown(0);
  }

  /** The `limit` items with the highest counts, highest first; ties by label, so the order is stable. */
  top(limit: number): FrequentItem[] {
    const items: FrequentItem[] = [];
    for (let slot = 0; slot < this.size; slot++) items.push({ label: this.labels[slot]!, count: this.counts[slot]!, error: this.errors[slot]! });
    items.sort((first, second) => second.count - first.count || (first.label < second.label ? -1 : first.label > second.label ? 1 : 0));
    return items.slice(0, limit);
  }

  // --- Internal helpers ---

  private fill(slot: number, key: number, count: number, error: number, label: string): void {
    this.keys[slot] = key;
    this.counts[slot] = count;
    this.errors[slot] = error;
    this.labels[slot] = label;
    this.slotOfKey.set(key, slot);
  }

  private countAt(heapIndex: number): number {
    return this.counts[this.heap[heapIndex]!]!;
  }

  private swap(first: number, second: number): void {
    const slot = this.heap[first]!;
    this.heap[first] = this.heap[second]!;
    this.heap[second] = slot;
    this.heapIndexOfSlot[this.heap[first]!] = first;
    this.heapIndexOfSlot[slot] = second;
  }

  private siftUp(heapIndex: number): void {
    let child = heapIndex;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (this.countAt(parent) <= this.countAt(child)) return;
      this.swap(parent, child);
      child = parent;
    }
  }

  private siftDown(heapIndex: number): void {
    let parent = heapIndex;
    for (;;) {
      const left = 2 * parent + 1;
      if (left >= this.size) return;
      const right = left + 1;
      const smaller = right < this.size && this.countAt(right) < this.countAt(left) ? right : left;
      if (this.countAt(parent) <= this.countAt(smaller)) return;
      this.swap(parent, smaller);
      parent = smaller;
    }
  }
}
