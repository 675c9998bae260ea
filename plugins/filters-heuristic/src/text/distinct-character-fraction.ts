import { countCodePoints } from './count-code-points';

/**
 * NeMo Curator's "by char" repetition measure: the characters (code points) of the distinct pieces
 * over the characters of all pieces, `len("".join(set(pieces))) / len("".join(pieces))`; `undefined`
 * when the pieces hold no characters at all.
 */
export function distinctCharacterFraction(pieces: ReadonlyArray<string>): number | undefined {
  const seen = new Set<string>();
  let total = 0;
  let distinct = 0;
  for (const piece of pieces) {
    const length = countCodePoints(piece);
    total += length;
    if (!seen.has(piece)) {
      seen.add(piece);
      distinct += length;
    }
  }
  return total === 0 ? undefined : distinct / total;
}
