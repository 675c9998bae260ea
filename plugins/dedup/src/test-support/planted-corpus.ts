import { createHash } from 'node:crypto';
import { seededRandom } from './seeded-random';

/** One record of a {@link plantedCorpus}. */
export interface PlantedRecord {
  /** 16 hex characters, like an engine `_id`. */
  readonly id: string;
  readonly text: string;
  /** The base document it comes from. */
  readonly group: number;
  /**
   * - `base`: the original document;
   * - `exact-copy`: the same characters;
   * - `spacing-copy`: the same text with a trailing newline or one space doubled (an exact copy after normalisation);
   * - `edited-copy`: 1–3% of the characters changed, in one stretch;
   * - `inserted-copy`: one short sentence (3 to 6 words) inserted between two others.
   */
  readonly kind: 'base' | 'exact-copy' | 'spacing-copy' | 'edited-copy' | 'inserted-copy';
}

/** Shape of a {@link plantedCorpus}. */
export interface PlantedCorpusOptions {
  readonly seed?: number;
  /** Base documents. Default 300. */
  readonly bases?: number;
  /** Least characters of a base document. Default 480 (documents of about 500 characters). */
  readonly minimumLength?: number;
  /**
   * Most near copies of one base document. Default 1. With 2, the two copies of a group carry
   * different edits, so they are further apart from each other (Jaccard about 0.77) than from the
   * base (about 0.87).
   */
  readonly nearCopies?: number;
}

/**
 * A deterministic corpus with planted duplicates: base documents of about 500 characters made of
 * sentences of pseudo-words drawn from a seeded word list; about 30% stay unique, the others get
 * up to two exact copies (some with changed whitespace) and up to `nearCopies` near copies (a
 * stretch of 1–3% of the characters changed, or a short sentence inserted).
 */
export function plantedCorpus(options: PlantedCorpusOptions = {}): PlantedRecord[] {
  const seed = options.seed ?? 9;
  const random = seededRandom(seed);
  const words = wordList(random, 3000);
  const pick = (count: number) => Math.floor(random() * count);
  const sentence = (shortest = 6, longest = 14): string => {
    const length = shortest + pick(longest - shortest + 1);
    const chosen = Array.from({ length }, () => words[pick(words.length)]!);
    return `${chosen.join(' ').replace(/^./, (first) => first.toUpperCase())}.`;
  };
  const records: PlantedRecord[] = [];
  const id = (group: number, copy: number) => createHash('sha256').update(`${seed}:${group}:${copy}`).digest('hex').slice(0, 16);
  for (let group = 0; group < (options.bases ?? 300); group++) {
    const sentences: string[] = [];
    while (sentences.join(' ').length < (options.minimumLength ?? 480)) sentences.push(sentence());
    const text = sentences.join(' ');
    records.push({ id: id(group, 0), text, group, kind: 'base' });
    if (random() < 0.3) continue;
    let copies = 0;
    const add = (kind: PlantedRecord['kind'], copyText: string) => records.push({ id: id(group, ++copies), text: copyText, group, kind });
    const exactCopies = pick(3);
    const mostNearCopies = options.nearCopies ?? 1;
    const nearCopies = exactCopies === 0 ? 1 + pick(mostNearCopies) : pick(mostNearCopies + 1);
    for (let copy = 0; copy < exactCopies; copy++) {
      if (random() < 0.5) add('exact-copy', text);
      else add('spacing-copy', random() < 0.5 ? `${text}\n` : doubleOneSpace(text, random));
    }
    for (let copy = 0; copy < nearCopies; copy++) {
      if (random() < 0.5) {
        add('edited-copy', changeStretch(text, 0.01 + random() * 0.02, random));
      } else {
        const at = 1 + pick(sentences.length - 1);
        add('inserted-copy', [...sentences.slice(0, at), sentence(3, 6), ...sentences.slice(at)].join(' '));
      }
    }
  }
  return records;
}

// --- Internal helpers ---

/** `text` with one of its spaces, at random, doubled. */
function doubleOneSpace(text: string, random: () => number): string {
  const spaces = [...text.matchAll(/ /g)].map((match) => match.index);
  const at = spaces[Math.floor(random() * spaces.length)]!;
  return `${text.slice(0, at)} ${text.slice(at)}`;
}

/** Pseudo-words of 2 to 10 letters made of syllables, distinct. */
function wordList(random: () => number, count: number): string[] {
  const consonants = 'bcdfghjklmnprstvwz';
  const vowels = 'aeiou';
  const words = new Set<string>();
  while (words.size < count) {
    let word = '';
    const syllables = 1 + Math.floor(random() * 3);
    for (let syllable = 0; syllable < syllables; syllable++) {
      word += consonants[Math.floor(random() * consonants.length)]! + vowels[Math.floor(random() * vowels.length)]!;
      if (random() < 0.4) word += consonants[Math.floor(random() * consonants.length)]!;
    }
    words.add(word);
  }
  return [...words];
}

/** `text` with `fraction` of its characters, one stretch, replaced by other letters (spaces kept). */
function changeStretch(text: string, fraction: number, random: () => number): string {
  const length = Math.max(1, Math.round(text.length * fraction));
  const start = Math.floor(random() * (text.length - length));
  const characters = [...text];
  for (let index = start; index < start + length; index++) {
    const old = characters[index]!;
    if (old === ' ' || old === '.') continue;
    let replacement = old;
    while (replacement === old) replacement = 'abcdefghijklmnopqrstuvwxyz'[Math.floor(random() * 26)]!;
    characters[index] = replacement;
  }
  return characters.join('');
}
