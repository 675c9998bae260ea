import { countCodePoints } from './count-code-points';
import { splitNonBlankLines } from './split-non-blank-lines';

/**
 * The pieces of one text that several filters measure: its words, lines, paragraphs and their
 * n-grams, each computed on first use. {@link analyzeText} hands out the same analysis for the same
 * text, so a chain of filters scoring one record splits it once, not once per filter.
 */
export interface TextAnalysis {
  /** The text analysed. */
  readonly text: string;
  /** Its length in Unicode code points (Python's `len`). */
  readonly length: number;
  /** Counts of the character classes NeMo's ratio filters measure, from one pass over the text. */
  readonly characterCounts: CharacterCounts;
  /** Its words: Python's `text.split()` (see `splitWords`). */
  readonly words: ReadonlyArray<string>;
  /** Each word's length in code points, in order. */
  readonly wordLengths: Int32Array;
  /** Its non-blank lines, unstripped (see `splitNonBlankLines`). */
  readonly lines: ReadonlyArray<string>;
  /** Its paragraphs: the text split on `\n\n`, empty paragraphs kept (Python's `text.split("\n\n")`). */
  readonly paragraphs: ReadonlyArray<string>;
  /**
   * The n-grams of its words as numbers: entry `i` identifies the n words starting at word `i`
   * (equal numbers exactly when the n-grams are equal); `words.length - n + 1` entries, none when the
   * text has fewer than n words. Numbers are small (0, 1, 2… in order of first appearance).
   */
  ngramIds(n: number): Int32Array;
}

/** How many characters of a text fall in each class NeMo Curator's ratio filters measure. */
export interface CharacterCounts {
  /** ASCII letters and digits, `\n`, `?`, `!`, `,` and `.` (non-alpha-numeric). */
  readonly alphaNumeric: number;
  /** ASCII digits (numbers). */
  readonly digits: number;
  /** Tab, `\n`, `\r`, backspace and space (whitespace). */
  readonly whitespace: number;
  /** `( ) [ ] { } ⟨ ⟩` (parentheses). */
  readonly brackets: number;
}

/**
 * The {@link TextAnalysis} of a text. The analyses of the last {@link rememberedAnalyses} texts are
 * remembered, so filters called on the same text share one: the filters of a chain, and the filter
 * stages of a recipe, where each stage works on another record at any moment (the records move
 * through the stages one behind the other), so the text a stage sees was analysed a few calls
 * before, not just before. Pure: the result depends on the text only.
 */
export function analyzeText(text: string): TextAnalysis {
  // The common case first: the filters of a chain, one after the other on the same string.
  if (lastAnalysis?.text === text) return lastAnalysis;
  let analysis = recentAnalyses.get(text);
  if (analysis === undefined) {
    analysis = new LazyTextAnalysis(text);
    // Oldest first (a Map keeps insertion order): the first key is the one to forget.
    if (recentAnalyses.size >= rememberedAnalyses) recentAnalyses.delete(recentAnalyses.keys().next().value!);
    recentAnalyses.set(text, analysis);
  }
  lastAnalysis = analysis;
  return analysis;
}

// --- Internal helpers ---

/**
 * Texts whose analysis is kept: enough for a recipe of a few dozen filter stages with a few
 * records in flight each, a bounded few megabytes (an analysis is built lazily, about 100 kB for
 * a 7,000-character document once every measure was taken).
 */
const rememberedAnalyses = 64;
const recentAnalyses = new Map<string, LazyTextAnalysis>();
let lastAnalysis: LazyTextAnalysis | undefined;

/** A run of characters that are not Python whitespace (see isPythonWhitespace for the 29 code points). */
const wordPattern = /[^\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
const surrogatePattern = /[\ud800-\udfff]/;

class LazyTextAnalysis implements TextAnalysis {
  readonly text: string;
  #length: number | undefined;
  #characterCounts: CharacterCounts | undefined;
  #words: string[] | undefined;
  #wordLengths: Int32Array | undefined;
  #lines: string[] | undefined;
  #paragraphs: string[] | undefined;
  /** `#ngrams[n]`: n-gram ids for n words; `#ngrams[1]` holds the word ids. */
  readonly #ngrams: Int32Array[] = [];

  constructor(text: string) {
    this.text = text;
  }

  get length(): number {
    this.#length ??= countCodePoints(this.text);
    return this.#length;
  }

  get characterCounts(): CharacterCounts {
    this.#characterCounts ??= countCharacterClasses(this.text);
    return this.#characterCounts;
  }

  get words(): ReadonlyArray<string> {
    // The same words as splitWords (Python's str.split()), found by the regular expression engine,
    // which is several times faster than a loop in JavaScript on long texts.
    this.#words ??= this.text.match(wordPattern) ?? [];
    return this.#words;
  }

  get wordLengths(): Int32Array {
    if (this.#wordLengths === undefined) {
      const words = this.words;
      const lengths = new Int32Array(words.length);
      // Without surrogates, every code unit is a code point.
      const astral = surrogatePattern.test(this.text);
      for (let index = 0; index < words.length; index++) lengths[index] = astral ? countCodePoints(words[index]!) : words[index]!.length;
      this.#wordLengths = lengths;
    }
    return this.#wordLengths;
  }

  get lines(): ReadonlyArray<string> {
    this.#lines ??= splitNonBlankLines(this.text);
    return this.#lines;
  }

  get paragraphs(): ReadonlyArray<string> {
    this.#paragraphs ??= this.text.split('\n\n');
    return this.#paragraphs;
  }

  ngramIds(n: number): Int32Array {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`n-grams need a whole number of words n ≥ 1, got ${n}`);
    const cached = this.#ngrams[n];
    if (cached !== undefined) return cached;
    let ids: Int32Array;
    if (n === 1) {
      ids = internWords(this.words);
    } else {
      // An n-gram is an (n-1)-gram followed by one word: pair their ids, both below words.length,
      // into one exact number (below 2^53 for any text under 94 million words) and intern it.
      const shorter = this.ngramIds(n - 1);
      const wordIds = this.ngramIds(1);
      ids = pairIds(shorter, wordIds, n - 1, Math.max(0, this.words.length - n + 1));
    }
    this.#ngrams[n] = ids;
    return ids;
  }
}

/** Bit flags of the ASCII characters by class; code units above 0x7f are looked up separately. */
const alphaNumericFlag = 1;
const digitFlag = 2;
const whitespaceFlag = 4;
const bracketFlag = 8;
const asciiClasses = (() => {
  const classes = new Uint8Array(128);
  for (let code = 0; code < 128; code++) {
    const character = String.fromCharCode(code);
    if (/[a-zA-Z0-9\n?!,.]/.test(character)) classes[code]! |= alphaNumericFlag;
    if (/[0-9]/.test(character)) classes[code]! |= digitFlag;
    if ('\t\n\r\b '.includes(character)) classes[code]! |= whitespaceFlag;
    if ('()[]{}'.includes(character)) classes[code]! |= bracketFlag;
  }
  return classes;
})();

function countCharacterClasses(text: string): CharacterCounts {
  let alphaNumeric = 0;
  let digits = 0;
  let whitespace = 0;
  let brackets = 0;
  for (let index = 0; index < text.length; index++) {
    const codeUnit = text.charCodeAt(index);
    if (codeUnit < 128) {
      const classes = asciiClasses[codeUnit]!;
      if (classes === 0) continue;
      if (classes & alphaNumericFlag) alphaNumeric++;
      if (classes & digitFlag) digits++;
      if (classes & whitespaceFlag) whitespace++;
      if (classes & bracketFlag) brackets++;
    } else if (codeUnit === 0x27e8 || codeUnit === 0x27e9) {
      brackets++;
    }
  }
  return { alphaNumeric, digits, whitespace, brackets };
}

/**
 * The ids of the n-grams made of each (n-1)-gram at `index` and the word `offset` places after it,
 * numbered 0, 1, 2... in the order they are first met (as {@link internWords} numbers words). The
 * pairs are interned in an open-addressing table of typed arrays, reused from call to call: a
 * `Map` keyed by the pair as one number boxes every key, and the chain asks for nine levels of
 * n-grams per document.
 */
function pairIds(shorter: Int32Array, wordIds: Int32Array, offset: number, count: number): Int32Array {
  const ids = new Int32Array(count);
  let capacity = pairTable.left.length;
  if (capacity < count * 2) {
    while (capacity < count * 2) capacity *= 2;
    pairTable = { left: new Int32Array(capacity), right: new Int32Array(capacity), values: new Int32Array(capacity) };
  }
  const { left, right, values } = pairTable;
  // Only as much of the table as this text needs, so short texts do not pay for the longest one.
  let used = 16;
  while (used < count * 2) used *= 2;
  const mask = used - 1;
  left.fill(-1, 0, used);
  let next = 0;
  for (let index = 0; index < count; index++) {
    const first = shorter[index]!;
    const second = wordIds[index + offset]!;
    let hash = Math.imul(first, 0x9e3779b1) ^ Math.imul(second ^ (second >>> 16), 0x85ebca77);
    hash ^= hash >>> 15;
    let slot = hash & mask;
    for (;;) {
      const stored = left[slot]!;
      if (stored === -1) {
        left[slot] = first;
        right[slot] = second;
        values[slot] = next;
        ids[index] = next++;
        break;
      }
      if (stored === first && right[slot] === second) {
        ids[index] = values[slot]!;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return ids;
}

/** The scratch table of {@link pairIds}, grown to the longest text seen (ids are never negative: -1 marks a free slot). */
let pairTable = { left: new Int32Array(16), right: new Int32Array(16), values: new Int32Array(16) };

function internWords(words: ReadonlyArray<string>): Int32Array {
  const ids = new Int32Array(words.length);
  const seen = new Map<string, number>();
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    let id = seen.get(word);
    if (id === undefined) {
      id = seen.size;
      seen.set(word, id);
    }
    ids[index] = id;
  }
  return ids;
}
