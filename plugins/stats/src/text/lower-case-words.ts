/**
 * The words of a text as the diversity metrics count them: the text lower-cased, split on runs of
 * Unicode whitespace. Punctuation stays part of its word (`dog.` and `dog` are two words), as in a
 * plain `text.split()`, so the counts are easy to reproduce by hand.
 *
 * @returns the words in order; empty for empty or whitespace-only text.
 */
export function lowerCaseWords(text: string): string[] {
  const words = text.toLowerCase().split(/\s+/u);
  // A leading or trailing run of whitespace leaves one empty piece at that end.
  if (words[0] === '') words.shift();
  if (words.length > 0 && words[words.length - 1] === '') words.pop();
  return words;
}
