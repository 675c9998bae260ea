/**
 * True when a word holds at least one alphabetic character: Unicode's `Alphabetic` property, which
 * is what `[[:alpha:]]` matches in the Python `regex` module NeMo Curator uses (letters of every
 * script, letter numbers such as Ⅻ, and a few combining marks such as U+0345). With `start` and
 * `end` (code unit offsets), only that part of `word` is looked at, so a word found in a longer
 * text needs no string of its own.
 */
export function hasAlphabeticCharacter(word: string, start = 0, end = word.length): boolean {
  for (let index = start; index < end; index++) {
    const codeUnit = word.charCodeAt(index);
    if ((codeUnit >= 0x61 && codeUnit <= 0x7a) || (codeUnit >= 0x41 && codeUnit <= 0x5a)) return true;
    if (codeUnit >= 0x80) return alphabeticPattern.test(word.slice(index, end));
  }
  return false;
}

/**
 * Number of alphabetic code points in a text (Unicode's `Alphabetic` property, as
 * {@link hasAlphabeticCharacter}).
 */
export function countAlphabeticCharacters(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const codeUnit = text.charCodeAt(index);
    if (codeUnit < 0x80) {
      if ((codeUnit >= 0x61 && codeUnit <= 0x7a) || (codeUnit >= 0x41 && codeUnit <= 0x5a)) count++;
      continue;
    }
    const codePoint = text.codePointAt(index)!;
    if (codePoint > 0xffff) index++;
    if (singleAlphabeticPattern.test(String.fromCodePoint(codePoint))) count++;
  }
  return count;
}

// --- Internal helpers ---

const alphabeticPattern = /\p{Alphabetic}/u;
const singleAlphabeticPattern = /^\p{Alphabetic}$/u;
