/** Options of {@link sliceText}. */
export interface SliceTextOptions {
  /**
   * Where the slice starts: an index (negative counts from the end), or a text whose first
   * occurrence starts it. A text that does not occur makes the result empty. @default 0
   */
  readonly left?: number | string;
  /**
   * Where the slice ends (exclusive): an index (negative counts from the end), or a text whose last
   * occurrence ends it. A text that does not occur makes the result empty. @default the end of the text
   */
  readonly right?: number | string;
  /** With a text `left`: keep that text at the start of the slice. @default true */
  readonly includeLeft?: boolean;
  /** With a text `right`: keep that text at the end of the slice. @default true */
  readonly includeRight?: boolean;
  /** Trim white space around the result. @default true */
  readonly strip?: boolean;
}

/**
 * Cuts a text between two indices or marker texts, by the rules of NeMo Curator's `Slicer`: used to
 * drop an answer's prefix, `sliceText(answer, { left: 'Paraphrased Text:', includeLeft: false })`.
 *
 * Indices count UTF-16 code units (JavaScript string indices); they differ from NeMo's (Python code
 * points) only after a character outside the Basic Multilingual Plane, such as an emoji. A slice
 * whose end comes before its start is empty.
 *
 * ```ts
 * sliceText('Paraphrased Text:  The tide rises. ', { left: 'Paraphrased Text:', includeLeft: false }); // 'The tide rises.'
 * sliceText('no marker here', { left: 'Paraphrased Text:' }); // ''
 * ```
 */
export function sliceText(text: string, options: SliceTextOptions = {}): string {
  const { left = 0, right, includeLeft = true, includeRight = true, strip = true } = options;
  let start: number;
  if (typeof left === 'number') {
    start = left;
  } else {
    const found = text.indexOf(left);
    if (found === -1) return '';
    start = includeLeft ? found : found + left.length;
  }
  let end: number;
  if (right === undefined) {
    end = text.length;
  } else if (typeof right === 'number') {
    end = right;
  } else {
    const found = text.lastIndexOf(right);
    if (found === -1) return '';
    end = includeRight ? found + right.length : found;
  }
  const slice = text.slice(start, end);
  return strip ? slice.trim() : slice;
}
