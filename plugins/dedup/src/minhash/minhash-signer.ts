import { mix32, powerModulo32, seededNumbers, shingleBase } from './hash-mixing';

/** The MinHash and LSH parameters, as `dedup:minhash` options name them. */
export interface MinhashParameters {
  /** Characters per shingle (NeMo's `char_ngrams`). */
  readonly charNgrams: number;
  /** LSH bands (NeMo's `num_buckets` / `num_bands`). */
  readonly numBands: number;
  /** MinHash values per band (NeMo's `hashes_per_bucket` / `minhashes_per_band`). */
  readonly hashesPerBand: number;
  /** Seed of the hash family. */
  readonly seed: number;
}

/** Words of a band key written by {@link MinhashSigner.writeBandKey}: 64 bits. */
export const bandKeyWords = 2;

/**
 * Computes MinHash signatures and LSH band keys of texts, reusing its buffers (no allocation per
 * text or per shingle).
 *
 * - Shingles are the text's runs of `charNgrams` UTF-16 code units, one starting at each position
 *   (`length − charNgrams + 1` of them); a shorter text is one shingle, the whole text (an empty text
 *   too). Each shingle is hashed to 32 bits by a rolling polynomial hash (constant work per
 *   position), mixed with MurmurHash3's finaliser.
 * - The signature has `numBands × hashesPerBand` values: value i is the minimum over the shingles of
 *   `(a_i · x + b_i) mod 2^32` (read as a signed number), with odd `a_i` and any `b_i` drawn from
 *   `seed`: a seeded family of permutations of the 32-bit hashes.
 * - Band b's key hashes its `hashesPerBand` values to 64 bits with two different mixing functions;
 *   two texts share band b's bucket when all its values are equal (or, with odds of about 2^-64,
 *   when their keys collide).
 */
export class MinhashSigner {
  /** The signature of the last text signed. */
  readonly signature: Int32Array;
  readonly #parameters: MinhashParameters;
  readonly #multipliers: Int32Array;
  readonly #increments: Int32Array;
  readonly #seedMix: number;
  readonly #windowPower: number;
  #shingles = new Int32Array(1024);

  constructor(parameters: MinhashParameters) {
    this.#parameters = parameters;
    const count = parameters.numBands * parameters.hashesPerBand;
    this.signature = new Int32Array(count);
    this.#multipliers = new Int32Array(count);
    this.#increments = new Int32Array(count);
    const next = seededNumbers(parameters.seed);
    this.#seedMix = next();
    for (let index = 0; index < count; index++) {
      this.#multipliers[index] = next() | 1;
      this.#increments[index] = next();
    }
    this.#windowPower = powerModulo32(shingleBase, parameters.charNgrams - 1);
  }

  /** Computes the signature of `text` into {@link signature} and returns it. */
  sign(text: string): Int32Array {
    const minimums = this.signature;
    const multipliers = this.#multipliers;
    const increments = this.#increments;
    const count = minimums.length;
    const { charNgrams } = this.#parameters;
    const length = text.length;
    const window = Math.min(charNgrams, length);
    const shingles = Math.max(1, length - charNgrams + 1);
    const power = window === charNgrams ? this.#windowPower : powerModulo32(shingleBase, window - 1);
    const salt = this.#seedMix ^ Math.imul(window, 0x9e3779b9);
    // Hash every shingle first, then take each permutation's minimum over them: the inner loop
    // then keeps its multiplier, increment and minimum in registers.
    if (this.#shingles.length < shingles) this.#shingles = new Int32Array(Math.max(shingles, this.#shingles.length * 2));
    const shingleHashes = this.#shingles;
    let hash = 0;
    for (let index = 0; index < window; index++) hash = (Math.imul(hash, shingleBase) + text.charCodeAt(index)) | 0;
    for (let start = 0; ; ) {
      shingleHashes[start] = mix32(hash ^ salt);
      if (++start >= shingles) break;
      hash = (Math.imul(hash - Math.imul(text.charCodeAt(start - 1), power), shingleBase) + text.charCodeAt(start + window - 1)) | 0;
    }
    // Four permutations per pass over the shingle hashes: one load feeds four minimums.
    let index = 0;
    for (; index + 4 <= count; index += 4) {
      const multiplier0 = multipliers[index]!;
      const multiplier1 = multipliers[index + 1]!;
      const multiplier2 = multipliers[index + 2]!;
      const multiplier3 = multipliers[index + 3]!;
      const increment0 = increments[index]!;
      const increment1 = increments[index + 1]!;
      const increment2 = increments[index + 2]!;
      const increment3 = increments[index + 3]!;
      let minimum0 = 0x7fffffff;
      let minimum1 = 0x7fffffff;
      let minimum2 = 0x7fffffff;
      let minimum3 = 0x7fffffff;
      for (let shingle = 0; shingle < shingles; shingle++) {
        const value = shingleHashes[shingle]!;
        const value0 = (Math.imul(multiplier0, value) + increment0) | 0;
        const value1 = (Math.imul(multiplier1, value) + increment1) | 0;
        const value2 = (Math.imul(multiplier2, value) + increment2) | 0;
        const value3 = (Math.imul(multiplier3, value) + increment3) | 0;
        if (value0 < minimum0) minimum0 = value0;
        if (value1 < minimum1) minimum1 = value1;
        if (value2 < minimum2) minimum2 = value2;
        if (value3 < minimum3) minimum3 = value3;
      }
      minimums[index] = minimum0;
      minimums[index + 1] = minimum1;
      minimums[index + 2] = minimum2;
      minimums[index + 3] = minimum3;
    }
    for (; index < count; index++) {
      const multiplier = multipliers[index]!;
      const increment = increments[index]!;
      let minimum = 0x7fffffff;
      for (let shingle = 0; shingle < shingles; shingle++) {
        const value = (Math.imul(multiplier, shingleHashes[shingle]!) + increment) | 0;
        if (value < minimum) minimum = value;
      }
      minimums[index] = minimum;
    }
    return minimums;
  }

  /** Writes band `band`'s 64-bit key, from the current {@link signature}, into `out[offset]` and `out[offset + 1]`. */
  writeBandKey(band: number, out: Uint32Array, offset: number): void {
    const { hashesPerBand } = this.#parameters;
    const signature = this.signature;
    let high = this.#seedMix ^ Math.imul(band + 1, 0x27d4eb2f);
    let low = ~this.#seedMix ^ Math.imul(band + 1, 0x165667b1);
    for (let index = band * hashesPerBand, end = index + hashesPerBand; index < end; index++) {
      const value = signature[index]!;
      // MurmurHash3's block step for one lane, xxHash32's round for the other.
      let block = Math.imul(value, 0xcc9e2d51);
      block = Math.imul((block << 15) | (block >>> 17), 0x1b873593);
      high ^= block;
      high = (Math.imul((high << 13) | (high >>> 19), 5) + 0xe6546b64) | 0;
      low = (low + Math.imul(value, 0x85ebca77)) | 0;
      low = Math.imul((low << 13) | (low >>> 19), 0x9e3779b1);
    }
    out[offset] = mix32(high ^ hashesPerBand) >>> 0;
    out[offset + 1] = mix32(low ^ band) >>> 0;
  }
}
