import { isPythonWhitespace } from './is-python-whitespace';

/**
 * The words of a text (Python's `text.split()`, as `splitWords` finds them) without a string per
 * word: each word as a number, equal numbers for equal words, and where the first occurrence of each
 * distinct word lies in the text. The word filters of a chain read these, so a 7,000-character
 * document costs a few typed arrays instead of a thousand strings and a `Map` keyed by them.
 */
export interface ScannedWords {
  /** Number of words. */
  readonly count: number;
  /** Sum of the words' lengths in code points. */
  readonly totalLength: number;
  /** Entry `i`: the id of word `i`, 0, 1, 2… in order of first appearance. */
  readonly ids: Int32Array;
  /** Entry `i`: the length of word `i` in code points (Python's `len`). */
  readonly lengths: Int32Array;
  /** Number of distinct words (the ids run from 0 to this number − 1). */
  readonly distinctCount: number;
  /** Entry `id`: where the first occurrence of that word starts, in code units. */
  readonly distinctStarts: Int32Array;
  /** Entry `id`: where the first occurrence of that word ends (exclusive), in code units. */
  readonly distinctEnds: Int32Array;
  /** Entry `id`: how many times that word occurs. */
  readonly distinctOccurrences: Int32Array;
}

/**
 * Finds the words of a text in one pass over its code units: the runs of characters that are not
 * Python whitespace (see {@link isPythonWhitespace}), interned by content as they end. Gives the
 * same words, in the same order and with the same ids, as interning `splitWords(text)` in a `Map`.
 */
export function scanWords(text: string): ScannedWords {
  // At most one word per two code units (a word and the whitespace after it), plus one.
  const capacity = (text.length >> 1) + 1;
  ensureScratchCapacity(capacity);
  const { ids, lengths, starts, ends, occurrences } = scratch;
  // An open-addressing table from a word's hash to its id + 1 (0 marks a free slot), at most half full.
  let tableSize = 16;
  while (tableSize < capacity * 2) tableSize *= 2;
  const tableMask = tableSize - 1;
  const slots = scratch.slots;
  const slotHashes = scratch.slotHashes;
  slots.fill(0, 0, tableSize);

  let count = 0;
  let distinctCount = 0;
  let totalLength = 0;
  let wordStart = -1;
  let hash = 0;
  let surrogatePairs = 0;
  for (let index = 0; index <= text.length; index++) {
    // One step past the end reads a space, which ends the last word.
    const codeUnit = index < text.length ? text.charCodeAt(index) : 0x20;
    const isWhitespace = codeUnit < 128 ? asciiWhitespace[codeUnit] === 1 : isPythonWhitespace(codeUnit);
    if (!isWhitespace) {
      if (wordStart < 0) {
        wordStart = index;
        hash = hashSeed;
        surrogatePairs = 0;
      }
      hash = Math.imul(hash ^ codeUnit, hashPrime);
      // A low surrogate right after a high one: one code point in two code units (as countCodePoints).
      if ((codeUnit & 0xfc00) === 0xdc00 && index > wordStart && (text.charCodeAt(index - 1) & 0xfc00) === 0xd800) surrogatePairs++;
      continue;
    }
    if (wordStart < 0) continue;
    // A word ends: find its id, or give it the next one.
    const length = index - wordStart - surrogatePairs;
    let slot = (hash ^ (hash >>> 15)) & tableMask;
    let id = -1;
    for (;;) {
      const stored = slots[slot]!;
      if (stored === 0) break;
      if (slotHashes[slot] === hash && sameCodeUnits(text, starts[stored - 1]!, ends[stored - 1]!, wordStart, index)) {
        id = stored - 1;
        break;
      }
      slot = (slot + 1) & tableMask;
    }
    if (id < 0) {
      id = distinctCount++;
      slots[slot] = id + 1;
      slotHashes[slot] = hash;
      starts[id] = wordStart;
      ends[id] = index;
      occurrences[id] = 0;
    }
    occurrences[id]!++;
    ids[count] = id;
    lengths[count] = length;
    count++;
    totalLength += length;
    wordStart = -1;
  }

  // One buffer for the five arrays of this text; the scratch arrays serve the next text.
  const buffer = new Int32Array(2 * count + 3 * distinctCount);
  const views = (offset: number, size: number, from: Int32Array) => {
    const view = buffer.subarray(offset, offset + size);
    view.set(from.subarray(0, size));
    return view;
  };
  return {
    count,
    totalLength,
    ids: views(0, count, ids),
    lengths: views(count, count, lengths),
    distinctCount,
    distinctStarts: views(2 * count, distinctCount, starts),
    distinctEnds: views(2 * count + distinctCount, distinctCount, ends),
    distinctOccurrences: views(2 * count + 2 * distinctCount, distinctCount, occurrences),
  };
}

// --- Internal helpers ---

/** FNV-1a's offset basis and prime, on 32 bits: a cheap hash that spreads short words well. */
const hashSeed = 0x811c9dc5 | 0;
const hashPrime = 0x01000193;

/** 1 for the ASCII code units that are Python whitespace, so the common case is one array read. */
const asciiWhitespace = (() => {
  const table = new Uint8Array(128);
  for (let codeUnit = 0; codeUnit < 128; codeUnit++) table[codeUnit] = isPythonWhitespace(codeUnit) ? 1 : 0;
  return table;
})();

/**
 * Scratch arrays of {@link scanWords}, grown to the longest text seen and reused from text to text:
 * a text's words are copied out into one array sized to them, so nothing here outlives a call.
 */
const scratch = {
  capacity: 0,
  ids: new Int32Array(0),
  lengths: new Int32Array(0),
  starts: new Int32Array(0),
  ends: new Int32Array(0),
  occurrences: new Int32Array(0),
  slots: new Int32Array(0),
  slotHashes: new Int32Array(0),
};

function ensureScratchCapacity(capacity: number): void {
  if (scratch.capacity >= capacity) return;
  let grown = Math.max(1024, scratch.capacity);
  while (grown < capacity) grown *= 2;
  scratch.capacity = grown;
  scratch.ids = new Int32Array(grown);
  scratch.lengths = new Int32Array(grown);
  scratch.starts = new Int32Array(grown);
  scratch.ends = new Int32Array(grown);
  scratch.occurrences = new Int32Array(grown);
  scratch.slots = new Int32Array(grown * 2);
  scratch.slotHashes = new Int32Array(grown * 2);
}

function sameCodeUnits(text: string, firstStart: number, firstEnd: number, secondStart: number, secondEnd: number): boolean {
  if (firstEnd - firstStart !== secondEnd - secondStart) return false;
  for (let offset = 0; offset < firstEnd - firstStart; offset++) {
    if (text.charCodeAt(firstStart + offset) !== text.charCodeAt(secondStart + offset)) return false;
  }
  return true;
}
