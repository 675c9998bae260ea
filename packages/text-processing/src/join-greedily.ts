/** One piece of text for {@link joinGreedily}, with its length in the unit the limit uses (tokens, characters...). */
export interface GreedyJoinPiece {
  readonly text: string;
  /** The piece's length, at least 0. */
  readonly length: number;
}

/** Options of {@link joinGreedily}. */
export interface GreedyJoinOptions {
  /** The longest a joined group may be, in the unit of the pieces' lengths; `Infinity` joins everything. */
  readonly maxLength: number;
  /** Written between two joined pieces. @default '\n' */
  readonly separator?: string;
  /** What one separator adds to a group's length. @default 1 (a line break is one token) */
  readonly separatorLength?: number;
}

/** A group of consecutive pieces that {@link joinGreedily} joined. */
export interface GreedyJoinGroup {
  /** The pieces' texts joined by the separator. */
  readonly text: string;
  /** The pieces' lengths plus one `separatorLength` between each two: what the limit was checked against. */
  readonly length: number;
  /** Index of the group's first piece in the input. */
  readonly first: number;
  /** How many pieces the group holds, at least 1. */
  readonly count: number;
}

/**
 * Joins consecutive pieces greedily into groups no longer than `maxLength`, by the rules of NeMo
 * Curator's `DocumentJoiner` with a `max_length`: each piece joins the current group when the
 * group's length plus `separatorLength` plus the piece's length stays within `maxLength`, and starts
 * a new group otherwise. Order is kept and every piece lands in exactly one group, so a piece longer
 * than `maxLength` makes a group of its own that is over the limit: drop such pieces first when the
 * limit must hold.
 *
 * ```ts
 * joinGreedily([{ text: 'ab', length: 2 }, { text: 'cd', length: 2 }, { text: 'ef', length: 2 }], { maxLength: 5, separator: '-' });
 * // [{ text: 'ab-cd', length: 5, first: 0, count: 2 }, { text: 'ef', length: 2, first: 2, count: 1 }]
 * ```
 *
 * @throws RangeError when `maxLength` is NaN or negative, or `separatorLength` is not a number of at least 0.
 */
export function joinGreedily(pieces: ReadonlyArray<GreedyJoinPiece>, options: GreedyJoinOptions): GreedyJoinGroup[] {
  const { maxLength, separator = '\n', separatorLength = 1 } = options;
  if (Number.isNaN(maxLength) || maxLength < 0) {
    throw new RangeError(`joinGreedily: maxLength must be a number of at least 0 (or Infinity), got ${String(maxLength)}.`);
  }
  if (!Number.isFinite(separatorLength) || separatorLength < 0) {
    throw new RangeError(`joinGreedily: separatorLength must be a finite number of at least 0, got ${String(separatorLength)}.`);
  }
  const groups: GreedyJoinGroup[] = [];
  let current: { texts: string[]; length: number; first: number } | undefined;
  pieces.forEach((piece, index) => {
    if (current !== undefined && current.length + separatorLength + piece.length <= maxLength) {
      current.texts.push(piece.text);
      current.length += separatorLength + piece.length;
      return;
    }
    if (current !== undefined) groups.push(toGroup(current, separator));
    current = { texts: [piece.text], length: piece.length, first: index };
  });
  if (current !== undefined) groups.push(toGroup(current, separator));
  return groups;
}

// --- Internal helpers ---

function toGroup(group: { texts: string[]; length: number; first: number }, separator: string): GreedyJoinGroup {
  return { text: group.texts.join(separator), length: group.length, first: group.first, count: group.texts.length };
}
