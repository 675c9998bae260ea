import { isPythonWhitespace } from './is-python-whitespace';

/**
 * Splits text into lines the way NeMo Curator's line filters do (its "sentences"): split on `\n`
 * only, then drop the blank lines, those with nothing but whitespace (Python's `line.strip()` is
 * empty; see {@link isPythonWhitespace}). The kept lines are NOT stripped, so `"a"` and `"a "` are
 * different lines, and a Windows line `"a\r"` differs from `"a"`: NeMo compares them the same way.
 *
 * @returns the non-blank lines, in order; empty when the text has none (empty or whitespace-only text).
 */
export function splitNonBlankLines(text: string): string[] {
  const lines: string[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (hasNonWhitespace(text, lineStart, lineEnd)) lines.push(text.slice(lineStart, lineEnd));
    lineStart = lineEnd + 1;
  }
  return lines;
}

// --- Internal helpers ---

function hasNonWhitespace(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    if (!isPythonWhitespace(text.charCodeAt(index))) return true;
  }
  return false;
}
