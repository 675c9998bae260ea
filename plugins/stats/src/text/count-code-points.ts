/**
 * Number of Unicode code points in `text`: its length in characters as people (and Python's `len`)
 * count them, where JavaScript's `length` counts an emoji or any other astral character twice.
 */
export function countCodePoints(text: string): number {
  let surrogatePairs = 0;
  for (let index = 1; index < text.length; index++) {
    const codeUnit = text.charCodeAt(index);
    if (codeUnit >= 0xdc00 && codeUnit <= 0xdfff) {
      const previous = text.charCodeAt(index - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) {
        surrogatePairs++;
        index++;
      }
    }
  }
  return text.length - surrogatePairs;
}
