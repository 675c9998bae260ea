/**
 * A HyperLogLog sketch (Flajolet et al., 2007) of how many distinct 53-bit hashes it was given:
 * 2^14 one-byte registers (16 KiB, whatever the count), a standard error of 1.04 / √16384 ≈ 0.8%,
 * and linear counting for small counts (when some registers are still empty). Adding the same hash
 * twice changes nothing, so the estimate does not depend on order or repetition.
 */
export class HyperLogLog {
  private readonly registers = new Uint8Array(registerCount);

  /** Adds one hash, an integer in [0, 2^53) such as {@link hashText} returns. */
  add(hash: number): void {
    const low = hash >>> 0;
    const high = Math.floor(hash / 4294967296);
    const register = low & (registerCount - 1);
    // The 39 bits left (21 high, 18 low) give the rank: the position of their first 1 bit.
    const rest = low >>> indexBits;
    const rank = high !== 0 ? Math.clz32(high) - 10 : rest !== 0 ? Math.clz32(rest) + 8 : 40;
    if (rank > this.registers[register]!) this.registers[register] = rank;
  }

  /** The estimated number of distinct hashes added, rounded to a whole number. */
  estimate(): number {
    let sum = 0;
    let empty = 0;
    for (const value of this.registers) {
      sum += 2 ** -value;
      if (value === 0) empty++;
    }
    const alpha = 0.7213 / (1 + 1.079 / registerCount);
    const raw = (alpha * registerCount * registerCount) / sum;
    if (raw <= 2.5 * registerCount && empty > 0) return Math.round(registerCount * Math.log(registerCount / empty));
    return Math.round(raw);
  }
}

// --- Internal helpers ---

const indexBits = 14;
const registerCount = 2 ** indexBits;
