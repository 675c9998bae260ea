import { countCodePoints } from './count-code-points';

/**
 * How much of a list of pieces (lines, paragraphs) repeats: what NeMo Curator's repetition filters
 * measure, by piece and by character, from one pass and one `Set`, so the "by piece" and "by char"
 * filters of a chain share it.
 */
export interface Repetition {
  /** Number of pieces. */
  readonly pieces: number;
  /** Number of distinct pieces: `len(set(pieces))`. */
  readonly distinctPieces: number;
  /** Code points of all pieces: `len("".join(pieces))`. */
  readonly characters: number;
  /** Code points of the distinct pieces: `len("".join(set(pieces)))`. */
  readonly distinctCharacters: number;
}

/**
 * Measures the repetition of `pieces`. With `mayHoldSurrogatePairs` false (the text they come from
 * has as many code points as code units), a piece's length is its code point count, so the count
 * is skipped.
 */
export function measureRepetition(pieces: ReadonlyArray<string>, mayHoldSurrogatePairs: boolean): Repetition {
  const seen = new Set<string>();
  let characters = 0;
  let distinctCharacters = 0;
  for (const piece of pieces) {
    const length = mayHoldSurrogatePairs ? countCodePoints(piece) : piece.length;
    characters += length;
    if (!seen.has(piece)) {
      seen.add(piece);
      distinctCharacters += length;
    }
  }
  return { pieces: pieces.length, distinctPieces: seen.size, characters, distinctCharacters };
}
