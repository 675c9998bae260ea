/**
 * NeMo Curator's URL pattern: `http://` or `https://` followed by one or more of the ASCII letters
 * and digits, the characters from `$` to `_` (`$%&'()*+,-./0-9:;<=>?@A-Z[\]^_`), `@ . & + ! * ( ) ,`,
 * or a `%XX` escape, as long as possible. Lower-case letters are allowed; `{|}~` and spaces end a
 * URL. Every character it matches is ASCII, so a match's length is its code point count.
 */
export const urlPattern = /https?:\/\/[a-zA-Z0-9$-_@.&+!*(),]+/g;

/** The URLs NeMo Curator's URL pattern finds in `text`, left to right, not overlapping. */
export function findUrls(text: string): string[] {
  // A cheap test first: most texts have no URL at all.
  if (!text.includes('http')) return [];
  return text.match(urlPattern) ?? [];
}
