/**
 * Number of Unicode code points in `text[start, end)`: the length Python's `len` gives, which
 * NeMo Curator's ratios divide by. JavaScript's `length` counts UTF-16 code units instead, so an
 * emoji or any other astral character would count twice and skew every ratio.
 *
 * A surrogate pair counts as one code point; a lone surrogate counts as one, as it does both in
 * Python and in `[...text].length`. Runs in one pass without allocating.
 *
 * @param text the text to measure.
 * @param start index of the first UTF-16 code unit to count. Default 0.
 * @param end index after the last UTF-16 code unit to count. Default `text.length`.
 */
export function countCodePoints(text: string, start = 0, end = text.length): number {
  let surrogatePairs = 0;
  for (let index = start + 1; index < end; index++) {
    if (isLowSurrogate(text.charCodeAt(index)) && isHighSurrogate(text.charCodeAt(index - 1))) {
      surrogatePairs++;
      index++;
    }
  }
  return end - start - surrogatePairs;
}

// --- Internal helpers ---

function isHighSurrogate(codeUnit: number): boolean {
  return codeUnit >= 0xd800 && codeUnit <= 0xdbff;
}

function isLowSurrogate(codeUnit: number): boolean {
  return codeUnit >= 0xdc00 && codeUnit <= 0xdfff;
}
