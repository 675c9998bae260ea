import { createHash } from 'node:crypto';

/**
 * A deterministic random source in [0, 1) (mulberry32), seeded from the run seed and a key (the
 * record's `_id`), so tasks make the same random choices when a recipe is run again.
 */
export function createSeededRandom(seed: number, key: string): () => number {
  let state = createHash('sha256').update(`${seed}\u0000${key}`).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}
