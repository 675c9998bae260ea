/** Options of {@link removeLines}. */
export interface RemoveLinesOptions {
  /**
   * Compare each line with its surrounding white space trimmed, so `Passage 1: ` (with a trailing
   * space) matches `Passage 1:`. The lines that stay are kept as they were. @default false (NeMo's
   * exact comparison)
   */
  readonly trimBeforeComparing?: boolean;
}

/**
 * Drops every line that equals one of `lines` exactly (the whole line, not a part of it), by the
 * rules of NeMo Curator's `LineRemover`; the other lines are kept, in order, with their line breaks.
 *
 * ```ts
 * removeLines('Passage 1:\nTides follow the moon.', ['Passage:', 'Passage 1:']); // 'Tides follow the moon.'
 * ```
 */
export function removeLines(text: string, lines: ReadonlyArray<string>, options: RemoveLinesOptions = {}): string {
  const removed = new Set(lines);
  const { trimBeforeComparing = false } = options;
  return text
    .split('\n')
    .filter((line) => !removed.has(trimBeforeComparing ? line.trim() : line))
    .join('\n');
}
