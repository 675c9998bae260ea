/** A length distribution: five order statistics and the mean. */
export type LengthDistribution = {
  readonly min: number;
  /** 10th percentile (nearest rank: the smallest length at least 10% of the records have or are under). */
  readonly p10: number;
  /** Median (nearest rank). */
  readonly p50: number;
  readonly p90: number;
  readonly max: number;
  /** Arithmetic mean, exact. */
  readonly mean: number;
  /**
   * True when a percentile fell on a length of 65,536 or more, which the histogram keeps in buckets
   * 1/64 wide (relative): that percentile is then the bucket's lower bound, up to 1.6% under the
   * true value. `min`, `max` and `mean` are always exact.
   */
  readonly estimated: boolean;
};

/**
 * An exact histogram of lengths (non-negative integers) for the percentiles of a length
 * distribution in bounded memory: one counter per length below 65,536 (an array grown as longer
 * lengths come, 512 KiB at most), and above that one counter per bucket of relative width 1/64
 * (at most 64 per power of two). Percentiles are exact below 65,536. Order does not matter.
 */
export class LengthHistogram {
  private small = new Float64Array(64);
  private readonly large = new Map<number, number>();
  private count = 0;
  private sum = 0;
  private minimum = Number.POSITIVE_INFINITY;
  private maximum = 0;

  add(length: number): void {
    this.count++;
    this.sum += length;
    if (length < this.minimum) this.minimum = length;
    if (length > this.maximum) this.maximum = length;
    if (length < exactLimit) {
      if (length >= this.small.length) this.grow(length);
      this.small[length]!++;
    } else {
      const bucket = bucketOf(length);
      this.large.set(bucket, (this.large.get(bucket) ?? 0) + 1);
    }
  }

  /** The distribution of the lengths added, or null when none was. */
  distribution(): LengthDistribution | null {
    if (this.count === 0) return null;
    const p10 = this.percentile(0.1);
    const p50 = this.percentile(0.5);
    const p90 = this.percentile(0.9);
    return {
      min: this.minimum,
      p10: p10.value,
      p50: p50.value,
      p90: p90.value,
      max: this.maximum,
      mean: this.sum / this.count,
      estimated: p10.estimated || p50.estimated || p90.estimated,
    };
  }

  // --- Internal helpers ---

  /** Nearest rank: the smallest length whose cumulative count reaches ⌈fraction × count⌉. */
  private percentile(fraction: number): { value: number; estimated: boolean } {
    const rank = Math.max(1, Math.ceil(fraction * this.count));
    let seen = 0;
    for (let length = 0; length < this.small.length; length++) {
      seen += this.small[length]!;
      if (seen >= rank) return { value: length, estimated: false };
    }
    for (const bucket of [...this.large.keys()].sort((first, second) => first - second)) {
      seen += this.large.get(bucket)!;
      if (seen >= rank) return { value: Math.min(Math.max(lowerBoundOf(bucket), this.minimum), this.maximum), estimated: true };
    }
    return { value: this.maximum, estimated: false };
  }

  private grow(length: number): void {
    let size = this.small.length;
    while (size <= length) size *= 2;
    const grown = new Float64Array(Math.min(size, exactLimit));
    grown.set(this.small);
    this.small = grown;
  }
}

// --- Internal helpers ---

const exactLimit = 65_536;
const bucketsPerPowerOfTwo = 64;

/** The bucket of a length of 65,536 or more: its power of two and which 64th of it. */
function bucketOf(length: number): number {
  const exponent = Math.floor(Math.log2(length));
  const fraction = length / 2 ** exponent - 1;
  return exponent * bucketsPerPowerOfTwo + Math.min(bucketsPerPowerOfTwo - 1, Math.floor(fraction * bucketsPerPowerOfTwo));
}

function lowerBoundOf(bucket: number): number {
  const exponent = Math.floor(bucket / bucketsPerPowerOfTwo);
  return Math.ceil(2 ** exponent * (1 + (bucket % bucketsPerPowerOfTwo) / bucketsPerPowerOfTwo));
}
