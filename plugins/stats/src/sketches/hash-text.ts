/**
 * A 53-bit hash of a text (an integer in [0, 2^53), exact in a JavaScript number), for sketches
 * and seeded sampling: two 32-bit multiply-xor lanes over the UTF-16 code units, cross-mixed at
 * the end (the public-domain cyrb53 construction). Not cryptographic; collisions between distinct
 * texts have a probability of about n² / 2^54 for n texts (below one in a million for 100,000).
 *
 * @param seed mixed into both lanes: a different seed gives an unrelated hash. Default 0.
 */
export function hashText(text: string, seed = 0): number {
  let first = 0xdeadbeef ^ seed;
  let second = 0x41c6ce57 ^ seed;
  for (let index = 0; index < text.length; index++) {
    const codeUnit = text.charCodeAt(index);
    first = Math.imul(first ^ codeUnit, 2654435761);
    second = Math.imul(second ^ codeUnit, 1597334677);
  }
  return finishHash(first, second);
}

/**
 * The 53-bit hash of the sequence of words `words[start, start + length)`, from the words' own
 * hashes split in two 32-bit lanes (`firstLanes[i]`, `secondLanes[i]`, as {@link hashWordLanes}
 * writes them). Hashing an n-gram this way costs n multiplications and allocates nothing, where
 * joining its words into a string would allocate one string per n-gram.
 */
export function hashWordSequence(firstLanes: Int32Array, secondLanes: Int32Array, start: number, length: number): number {
  let first = 0x9e3779b9 ^ length;
  let second = 0x85ebca6b ^ length;
  for (let index = start; index < start + length; index++) {
    first = Math.imul(rotateLeft(first ^ firstLanes[index]!, 13), 2654435761);
    second = Math.imul(rotateLeft(second ^ secondLanes[index]!, 17), 1597334677);
  }
  return finishHash(first, second);
}

/**
 * Writes the two 32-bit hash lanes of each word into `firstLanes` and `secondLanes` (grown by the
 * caller to at least `words.length`), for {@link hashWordSequence}.
 */
export function hashWordLanes(words: ReadonlyArray<string>, firstLanes: Int32Array, secondLanes: Int32Array): void {
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    let first = 0x2545f491;
    let second = 0x6c8e9cf5;
    for (let character = 0; character < word.length; character++) {
      const codeUnit = word.charCodeAt(character);
      first = Math.imul(first ^ codeUnit, 2654435761);
      second = Math.imul(second ^ codeUnit, 1597334677);
    }
    firstLanes[index] = mix32(first);
    secondLanes[index] = mix32(second ^ word.length);
  }
}

// --- Internal helpers ---

function finishHash(first: number, second: number): number {
  let high = Math.imul(first ^ (first >>> 16), 2246822507);
  high ^= Math.imul(second ^ (second >>> 13), 3266489909);
  let low = Math.imul(second ^ (second >>> 16), 2246822507);
  low ^= Math.imul(first ^ (first >>> 13), 3266489909);
  return 4294967296 * (2097151 & low) + (high >>> 0);
}

/** murmur3's 32-bit finaliser: every input bit affects every output bit. */
function mix32(value: number): number {
  let mixed = value ^ (value >>> 16);
  mixed = Math.imul(mixed, 0x85ebca6b);
  mixed ^= mixed >>> 13;
  mixed = Math.imul(mixed, 0xc2b2ae35);
  return mixed ^ (mixed >>> 16);
}

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}
