import { closestMatch } from 'leven';

/**
 * ` Did you mean "x"?` for the candidate closest to a misspelt name, or an empty string when none is
 * close: within a third of the name's length in edits (at least 2), so `n_subtopic` finds
 * `n_subtopics` while `model` does not suggest `seed`. Case is ignored.
 */
export function didYouMean(written: string, candidates: Iterable<string>): string {
  const names = [...new Set(candidates)].filter((candidate) => candidate !== written);
  if (names.length === 0) return '';
  const maxDistance = Math.max(2, Math.floor(written.length / 3));
  const lowered = names.map((name) => name.toLowerCase());
  const match = closestMatch(written.toLowerCase(), lowered, { maxDistance });
  return match == null ? '' : ` Did you mean "${names[lowered.indexOf(match)]}"?`;
}
