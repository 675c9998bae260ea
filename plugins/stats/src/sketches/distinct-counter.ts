import { HashTable } from './hash-table';
import { HyperLogLog } from './hyper-log-log';

/** What a {@link DistinctCounter} counted. */
export interface DistinctCount {
  /** Distinct hashes: exact while `estimated` is false, else the HyperLogLog estimate (±0.8% typical). */
  readonly distinct: number;
  /** True once more distinct hashes came than the counter's budget, so `distinct` is an estimate. */
  readonly estimated: boolean;
}

/**
 * Counts distinct 53-bit hashes exactly while there are at most `budget` of them (a set of the
 * hashes), and with a HyperLogLog sketch past that: the set is dropped the moment it outgrows the
 * budget, so memory stays bounded by the budget (24 to 48 bytes a hash) plus 16 KiB. "Exact"
 * means exact over hashes: two distinct n-grams with the same 53-bit hash count once, which for
 * 100,000 of them happens with a probability below one in a million.
 */
export class DistinctCounter {
  private exact: HashTable | undefined = new HashTable();
  private readonly sketch = new HyperLogLog();

  /** @param budget most distinct hashes counted exactly. */
  constructor(private readonly budget: number) {}

  add(hash: number): void {
    this.sketch.add(hash);
    if (this.exact == null) return;
    this.exact.set(hash, 0);
    if (this.exact.size > this.budget) this.exact = undefined;
  }

  count(): DistinctCount {
    return this.exact == null ? { distinct: this.sketch.estimate(), estimated: true } : { distinct: this.exact.size, estimated: false };
  }
}
