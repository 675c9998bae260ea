/**
 * A model's text shortened for a one-line reason: whitespace collapsed, cut at a word boundary
 * after at most `maximumLength` characters with an ellipsis, in double quotes (`"Misses the second
 * part of the…"`). Rejects stay readable however long a judge's reasoning is.
 *
 * @param maximumLength most characters kept from the text, before the ellipsis. Default 80.
 */
export function quoteBriefly(text: string, maximumLength = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const characters = [...flat];
  if (characters.length <= maximumLength) return JSON.stringify(flat);
  const cut = characters.slice(0, maximumLength).join('');
  const atWord = cut.replace(/\s+\S*$/, '');
  return JSON.stringify(`${atWord.length >= maximumLength / 2 ? atWord : cut}…`);
}
