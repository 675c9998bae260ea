/**
 * A seeded pseudo-random generator (mulberry32): returns a function that yields numbers in [0, 1),
 * the same sequence for the same seed, so fault injection and latency draws can be repeated
 * exactly. Only the low 32 bits of the (integer) seed matter. Not for cryptography.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The seed used when an option leaves it out: fixed, so runs repeat unless a test varies it. */
export const defaultSeed = 1;
