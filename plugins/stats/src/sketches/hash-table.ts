/**
 * A map from 53-bit hashes (as {@link hashText} returns) to non-negative whole numbers, in typed
 * arrays with open addressing and linear probing. A `Map` or `Set` keyed by such numbers stores
 * each key as a boxed heap number (they exceed the 31 bits V8 keeps unboxed), which makes counting
 * n-grams of millions of records several times slower and garbage-heavy. The table starts small and
 * doubles as it fills (load at most 1/2); deletion shifts the following entries back, so no
 * tombstones accumulate. 12 bytes per slot.
 */
export class HashTable {
  private highs: Int32Array;
  private lows: Int32Array;
  /** The value of each slot, or -1 when the slot is empty. */
  private values: Int32Array;
  private mask: number;
  /** Entries held. */
  size = 0;

  /** @param initialSlots slots to start with, a power of two. Default 1024. */
  constructor(initialSlots = 1024) {
    this.highs = new Int32Array(initialSlots);
    this.lows = new Int32Array(initialSlots);
    this.values = new Int32Array(initialSlots).fill(-1);
    this.mask = initialSlots - 1;
  }

  /** The value stored for `hash`, or -1 when there is none. */
  get(hash: number): number {
    const low = hash | 0;
    const high = (hash / 4294967296) | 0;
    for (let slot = low & this.mask; ; slot = (slot + 1) & this.mask) {
      const value = this.values[slot]!;
      if (value < 0) return -1;
      if (this.lows[slot] === low && this.highs[slot] === high) return value;
    }
  }

  /** Stores `value` (0 or more) for `hash`, replacing the value it had. */
  set(hash: number, value: number): void {
    if (2 * (this.size + 1) > this.values.length) this.grow();
    const low = hash | 0;
    const high = (hash / 4294967296) | 0;
    for (let slot = low & this.mask; ; slot = (slot + 1) & this.mask) {
      if (this.values[slot]! < 0) {
        this.lows[slot] = low;
        this.highs[slot] = high;
        this.values[slot] = value;
        this.size++;
        return;
      }
      if (this.lows[slot] === low && this.highs[slot] === high) {
        this.values[slot] = value;
        return;
      }
    }
  }

  /** Removes `hash` and its value, if present. */
  delete(hash: number): void {
    const low = hash | 0;
    const high = (hash / 4294967296) | 0;
    let hole = low & this.mask;
    for (; ; hole = (hole + 1) & this.mask) {
      if (this.values[hole]! < 0) return;
      if (this.lows[hole] === low && this.highs[hole] === high) break;
    }
    this.size--;
    // Shift back every following entry of the run that the hole would cut off from its home slot.
    for (let next = (hole + 1) & this.mask; this.values[next]! >= 0; next = (next + 1) & this.mask) {
      const home = this.lows[next]! & this.mask;
      const reachable = hole <= next ? home > hole && home <= next : home > hole || home <= next;
      if (reachable) continue;
      this.lows[hole] = this.lows[next]!;
      this.highs[hole] = this.highs[next]!;
      this.values[hole] = this.values[next]!;
      hole = next;
    }
    this.values[hole] = -1;
  }

  // --- Internal helpers ---

  private grow(): void {
    const { highs, lows, values } = this;
    const slots = values.length * 2;
    this.highs = new Int32Array(slots);
    this.lows = new Int32Array(slots);
    this.values = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
    this.size = 0;
    for (let slot = 0; slot < values.length; slot++) {
      if (values[slot]! >= 0) this.set(highs[slot]! * 4294967296 + (lows[slot]! >>> 0), values[slot]!);
    }
  }
}
