import { createHash } from 'node:crypto';

/**
 * A deterministic source of random numbers: the same seed text always gives the same sequence, so
 * the mock's answers repeat exactly for the same request.
 */
export interface SeededRandom {
  /** A number in [0, 1). */
  next(): number;
  /** A whole number from `minimum` to `maximum`, both included. */
  integer(minimum: number, maximum: number): number;
  /** One element of a non-empty list. */
  pick<Item>(items: ReadonlyArray<Item>): Item;
  /** A shuffled copy of a list (Fisher-Yates). */
  shuffle<Item>(items: ReadonlyArray<Item>): Item[];
  /** True with the given probability (0-1). */
  chance(probability: number): boolean;
}

/**
 * Creates a {@link SeededRandom} seeded by the sha256 of `seedText`, drawing with sfc32 (a small,
 * fast generator with good statistical quality; not for cryptography).
 */
export function createSeededRandom(seedText: string): SeededRandom {
  const digest = createHash('sha256').update(seedText).digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4_294_967_296;
  };
  // Warm up: the first outputs of sfc32 still resemble the seed.
  for (let index = 0; index < 12; index += 1) next();
  const random: SeededRandom = {
    next,
    integer: (minimum, maximum) => minimum + Math.floor(next() * (maximum - minimum + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    shuffle: (items) => {
      const copy = [...items];
      for (let index = copy.length - 1; index > 0; index -= 1) {
        const other = Math.floor(next() * (index + 1));
        [copy[index], copy[other]] = [copy[other]!, copy[index]!];
      }
      return copy;
    },
    chance: (probability) => next() < probability,
  };
  return random;
}
