/**
 * Small 32-bit hashing steps shared by the MinHash code, all in `Math.imul` integer arithmetic
 * (no allocation, no floating point).
 */

/** Odd multiplier of the polynomial (Rabin–Karp) shingle hash. */
export const shingleBase = 0x01000193;

/** Odd multiplier of the second, independent polynomial hash used for exact shingle sets. */
export const secondShingleBase = 0x5bd1e995;

/** MurmurHash3's finaliser: every input bit affects every output bit (a bijection on 32 bits). */
export function mix32(value: number): number {
  let hash = value | 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash;
}

/** `base` to the power `exponent`, modulo 2^32 (for removing the first character of a rolling window). */
export function powerModulo32(base: number, exponent: number): number {
  let power = 1;
  for (let step = 0; step < exponent; step++) power = Math.imul(power, base);
  return power;
}

/**
 * A seeded stream of 32-bit numbers (splitmix32): the same seed gives the same numbers on every
 * machine, which makes the MinHash permutations, and so the verdicts, reproducible.
 */
export function seededNumbers(seed: number): () => number {
  // Seeds beyond 32 bits keep their high part: 2^32 + 1 and 1 are different seeds.
  let state = (seed >>> 0) ^ mix32(Math.floor(seed / 0x1_0000_0000) | 0);
  return () => {
    state = (state + 0x9e3779b9) | 0;
    return mix32(state ^ (state >>> 15));
  };
}
