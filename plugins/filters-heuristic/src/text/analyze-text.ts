import { countCodePoints } from './count-code-points';
import { findUrls } from './find-urls';
import { measureRepetition, type Repetition } from './measure-repetition';
import { scanWords, type ScannedWords } from './scan-words';
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
  /**
   * Its words: Python's `text.split()` (see `splitWords`). Made on first use only: the filters read
   * the words through the numbers below, which need no string per word.
   */
  readonly words: ReadonlyArray<string>;
  /** Its number of words: `len(text.split())`. */
  readonly wordCount: number;
  /** The sum of its words' lengths in code points. */
  readonly totalWordLength: number;
  /** Each word's length in code points, in order. */
  readonly wordLengths: Int32Array;
  /** Word `index` (0-based, below {@link wordCount}) as a string. */
  wordAt(index: number): string;
  /**
   * How many of its words (occurrences, not distinct words) satisfy `test`, which sees each
   * distinct word once, as the code units `text[start, end)` and its length in code points.
   */
  countWordsWhere(test: (text: string, start: number, end: number, length: number) => boolean): number;
  /** Its non-blank lines, unstripped (see `splitNonBlankLines`). */
  readonly lines: ReadonlyArray<string>;
  /** How much its {@link lines} repeat, by line and by character. */
  readonly lineRepetition: Repetition;
  /** Its paragraphs: the text split on `\n\n`, empty paragraphs kept (Python's `text.split("\n\n")`). */
  readonly paragraphs: ReadonlyArray<string>;
  /** How much its {@link paragraphs} repeat, by paragraph and by character. */
  readonly paragraphRepetition: Repetition;
  /** Its http(s) URLs (see `findUrls`). */
  readonly urls: ReadonlyArray<string>;
  /**
   * The n-grams of its words as numbers: entry `i` identifies the n words starting at word `i`
   * (equal numbers exactly when the n-grams are equal); `wordCount - n + 1` entries, none when the
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

class LazyTextAnalysis implements TextAnalysis {
  readonly text: string;
  #length: number | undefined;
  #characterCounts: CharacterCounts | undefined;
  #scannedWords: ScannedWords | undefined;
  #words: string[] | undefined;
  #lines: string[] | undefined;
  #lineRepetition: Repetition | undefined;
  #paragraphs: string[] | undefined;
  #paragraphRepetition: Repetition | undefined;
  #urls: string[] | undefined;
  /** `#ngrams[n]`: n-gram ids for n words; `#ngrams[1]` holds the word ids. */
  readonly #ngrams: Int32Array[] = [];

  constructor(text: string) {
    this.text = text;
  }

  get length(): number {
    if (this.#length === undefined) this.#measureCharacters();
    return this.#length!;
  }

  get characterCounts(): CharacterCounts {
    if (this.#characterCounts === undefined) this.#measureCharacters();
    return this.#characterCounts!;
  }

  get words(): ReadonlyArray<string> {
    if (this.#words === undefined) {
      const { count } = this.#scanned();
      const words = new Array<string>(count);
      for (let index = 0; index < count; index++) words[index] = this.wordAt(index);
      this.#words = words;
    }
    return this.#words;
  }

  get wordCount(): number {
    return this.#scanned().count;
  }

  get totalWordLength(): number {
    return this.#scanned().totalLength;
  }

  get wordLengths(): Int32Array {
    return this.#scanned().lengths;
  }

  wordAt(index: number): string {
    const { ids, distinctStarts, distinctEnds } = this.#scanned();
    const id = ids[index]!;
    return this.text.slice(distinctStarts[id], distinctEnds[id]);
  }

  countWordsWhere(test: (text: string, start: number, end: number, length: number) => boolean): number {
    const { distinctCount, distinctStarts, distinctEnds, distinctOccurrences } = this.#scanned();
    const text = this.text;
    // Without surrogate pairs in the text, every code unit of a word is a code point.
    const mayHoldSurrogatePairs = this.length !== text.length;
    let count = 0;
    for (let id = 0; id < distinctCount; id++) {
      const start = distinctStarts[id]!;
      const end = distinctEnds[id]!;
      const length = mayHoldSurrogatePairs ? countCodePoints(text, start, end) : end - start;
      if (test(text, start, end, length)) count += distinctOccurrences[id]!;
    }
    return count;
  }

  get lines(): ReadonlyArray<string> {
    this.#lines ??= splitNonBlankLines(this.text);
    return this.#lines;
  }

  get lineRepetition(): Repetition {
    this.#lineRepetition ??= measureRepetition(this.lines, this.length !== this.text.length);
    return this.#lineRepetition;
  }

  get paragraphs(): ReadonlyArray<string> {
    this.#paragraphs ??= this.text.split('\n\n');
    return this.#paragraphs;
  }

  get paragraphRepetition(): Repetition {
    this.#paragraphRepetition ??= measureRepetition(this.paragraphs, this.length !== this.text.length);
    return this.#paragraphRepetition;
  }

  get urls(): ReadonlyArray<string> {
    this.#urls ??= findUrls(this.text);
    return this.#urls;
  }

  ngramIds(n: number): Int32Array {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`n-grams need a whole number of words n ≥ 1, got ${n}`);
    const cached = this.#ngrams[n];
    if (cached !== undefined) return cached;
    let ids: Int32Array;
    if (n === 1) {
      ids = this.#scanned().ids;
    } else {
      // An n-gram is an (n-1)-gram followed by one word: intern the pair of their ids.
      const shorter = this.ngramIds(n - 1);
      const wordIds = this.ngramIds(1);
      ids = pairIds(shorter, wordIds, n - 1, Math.max(0, this.wordCount - n + 1));
    }
    this.#ngrams[n] = ids;
    return ids;
  }

  #scanned(): ScannedWords {
    this.#scannedWords ??= scanWords(this.text);
    return this.#scannedWords;
  }

  /** The length and the character classes in one pass: the ratio filters ask for both. */
  #measureCharacters(): void {
    const { counts, surrogatePairs } = countCharacterClasses(this.text);
    this.#characterCounts = counts;
    this.#length = this.text.length - surrogatePairs;
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

/**
 * The character classes of a text and its surrogate pairs (a low surrogate right after a high one,
 * as `countCodePoints` counts them), from one pass.
 */
function countCharacterClasses(text: string): { counts: CharacterCounts; surrogatePairs: number } {
  let surrogatePairs = 0;
  let alphaNumeric = 0;
  let digits = 0;
  let whitespace = 0;
  let brackets = 0;
  for (let index = 0; index < text.length; index++) {
    const codeUnit = text.charCodeAt(index);
    if (codeUnit < 128) {
      // Additions rather than branches: ASCII text mixes the classes unpredictably.
      const classes = asciiClasses[codeUnit]!;
      alphaNumeric += classes & alphaNumericFlag;
      digits += (classes & digitFlag) >> 1;
      whitespace += (classes & whitespaceFlag) >> 2;
      brackets += (classes & bracketFlag) >> 3;
    } else if (codeUnit === 0x27e8 || codeUnit === 0x27e9) {
      brackets++;
    } else if ((codeUnit & 0xfc00) === 0xdc00 && index > 0 && (text.charCodeAt(index - 1) & 0xfc00) === 0xd800) {
      surrogatePairs++;
    }
  }
  return { counts: { alphaNumeric, digits, whitespace, brackets }, surrogatePairs };
}

/**
 * The ids of the n-grams made of each (n-1)-gram at `index` and the word `offset` places after it,
 * numbered 0, 1, 2... in the order they are first met (as `scanWords` numbers words).
 *
 * An (n-1)-gram that occurs once makes an n-gram that occurs once, so it takes the next id without a
 * look-up; on long n-grams that is most of them. The other pairs are interned in an open-addressing
 * table, reused from call to call, that holds each entry's two ids and value side by side (one
 * cache line per probe): a `Map` keyed by the pair as one number boxes every key, and the chain
 * asks for nine levels of n-grams per document.
 */
function pairIds(shorter: Int32Array, wordIds: Int32Array, offset: number, count: number): Int32Array {
  const ids = new Int32Array(count);
  // Only as much of the table as this text needs, so short texts do not pay for the longest one.
  let used = 16;
  while (used < count * 2) used *= 2;
  if (pairTable.length < used * pairEntrySize) pairTable = new Int32Array(used * pairEntrySize);
  if (occurrenceScratch.length < shorter.length) occurrenceScratch = new Int32Array(Math.max(shorter.length, occurrenceScratch.length * 2));
  const table = pairTable;
  const occurrences = occurrenceScratch;
  const mask = used - 1;
  for (let slot = 0; slot < used; slot++) table[slot * pairEntrySize] = -1;
  occurrences.fill(0, 0, shorter.length);
  for (let index = 0; index < count; index++) occurrences[shorter[index]!]!++;
  let next = 0;
  for (let index = 0; index < count; index++) {
    const first = shorter[index]!;
    if (occurrences[first] === 1) {
      ids[index] = next++;
      continue;
    }
    const second = wordIds[index + offset]!;
    let hash = Math.imul(first, 0x9e3779b1) ^ Math.imul(second ^ (second >>> 16), 0x85ebca77);
    hash ^= hash >>> 15;
    let entry = (hash & mask) * pairEntrySize;
    for (;;) {
      const stored = table[entry]!;
      if (stored === -1) {
        table[entry] = first;
        table[entry + 1] = second;
        table[entry + 2] = next;
        ids[index] = next++;
        break;
      }
      if (stored === first && table[entry + 1] === second) {
        ids[index] = table[entry + 2]!;
        break;
      }
      entry = (entry + pairEntrySize) & (mask * pairEntrySize + pairEntrySize - 1);
    }
  }
  return ids;
}

/** Int32 slots per entry of the pair table: the two ids, the value, and one unused for alignment. */
const pairEntrySize = 4;

/**
 * The scratch table of {@link pairIds}, grown to the longest text seen (ids are never negative: -1
 * in an entry's first slot marks it free).
 */
let pairTable = new Int32Array(16 * pairEntrySize);

/** Scratch occurrence counts of the (n-1)-gram ids in {@link pairIds}. */
let occurrenceScratch = new Int32Array(1024);
