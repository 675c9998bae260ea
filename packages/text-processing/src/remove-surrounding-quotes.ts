/**
 * Removes the double quotes a model sometimes puts around its whole answer, by the rules of NeMo
 * Curator's `QuotationRemover`: when the text starts and ends with `"` and is more than two
 * characters long (white space aside), the first and last characters are dropped, unless the text
 * spans several lines and its first line ends with `"` (then the quotes belong to a quoted first
 * line, not to the whole text). Anything else is returned unchanged.
 *
 * ```ts
 * removeSurroundingQuotes('"The tide rises twice a day."'); // 'The tide rises twice a day.'
 * removeSurroundingQuotes('"Title"\nBody text ends with "a quote"'); // unchanged
 * ```
 */
export function removeSurroundingQuotes(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length <= 2 || !text.startsWith('"') || !text.endsWith('"')) return text;
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  if (trimmed.includes('\n') && firstLine.endsWith('"')) return text;
  return text.slice(1, -1);
}
