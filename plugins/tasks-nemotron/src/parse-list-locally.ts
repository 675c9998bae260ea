/**
 * The kind of marker a list's items start with: `1.` (`numbered`), `1)` (`numbered-parenthesis`),
 * `-` (`dash`), `*` (`asterisk`) or `•` (`bullet`).
 */
export type ListMarkerKind = 'numbered' | 'numbered-parenthesis' | 'dash' | 'asterisk' | 'bullet';

/**
 * Why an answer could not be read as a list without a model. In `conversion: auto` each of them
 * sends the answer to the converter model; in `conversion: local` each fails the record
 * (`no-list` as `not-a-list`, the others as `parse-error`).
 *
 * - `no-list`: no line starts with a list marker.
 * - `mixed-markers`: the items do not all use the same kind of marker (`1.` and `-`, `1.` and `1)`).
 * - `bad-numbering`: the numbers do not run 1, 2, 3, … (a gap, a repeat, a restart, a start other than 1).
 * - `nested-list`: an item line is indented differently from the first item: a sub-list.
 * - `text-between-items`: a line between two items that is not part of the item above (not
 *   indented under it, or after a blank line): a second list, a sub-heading, a comment.
 * - `code-fence-in-list`: a code fence line between the first and the last item.
 * - `unclear-end`: a line directly after the last item, not indented under it: it may be the rest
 *   of the item or a closing remark.
 * - `too-much-text`: more than {@link maximumSurroundingLines} lines of text before or after the
 *   list, so the list may not be the answer.
 */
export type LocalListProblem =
  | 'no-list'
  | 'mixed-markers'
  | 'bad-numbering'
  | 'nested-list'
  | 'text-between-items'
  | 'code-fence-in-list'
  | 'unclear-end'
  | 'too-much-text';

/** What {@link parseListLocally} found: the items, or why it could not tell them apart. */
export type LocalListParse =
  | {
      readonly ok: true;
      /**
       * The items in order, each a substring of the answer: empty items are left out, so there
       * may be none (an answer of bare markers).
       */
      readonly items: string[];
      /** The marker every item starts with. */
      readonly marker: ListMarkerKind;
    }
  | {
      readonly ok: false;
      readonly problem: LocalListProblem;
      /** What was found, with the line number (counting from 1), for messages and rejects.jsonl. */
      readonly message: string;
    };

/** Lines of text (a heading, an introduction, a closing remark) allowed before and after the list. */
export const maximumSurroundingLines = 2;

/**
 * Reads the list in a generator's answer without calling a model, exactly: every item is a
 * substring of the answer, so the hallucination check cannot fail and no text is ever rewritten.
 * It refuses anything it cannot read with certainty, so that `conversion: auto` sends that answer
 * to the converter model instead.
 *
 * The grammar, line by line (lines split at `\n`; a trailing `\r` is ignored):
 *
 * - An **item line** is optional indentation, a marker, then spaces or tabs and the item's text (or
 *   nothing: an empty item). Markers: a number of 1 to 6 digits followed by `.` or `)`, or one of
 *   `-`, `*`, `•`. A marker must be followed by whitespace or the end of the line, so `-5 °C`,
 *   `1.5 million` and `**Bold**` are not items.
 * - Every item uses the same kind of marker as the first (else `mixed-markers`) and the same
 *   indentation (else `nested-list`); numbers run 1, 2, 3, … (else `bad-numbering`).
 * - A **continuation line** is a line of text directly below an item line (or below another
 *   continuation line), indented further than the first item's marker. The item then runs to the
 *   end of that line, line break and indentation included, exactly as written.
 * - **Blank lines** between items are allowed (a loose list). Any other line between the first and
 *   the last item fails: text that is not a continuation (`text-between-items`), a code fence
 *   (`code-fence-in-list`). Text directly below the last item that is not indented under it fails
 *   with `unclear-end` (an unmarked wrapped line and a closing remark look the same).
 * - Before the first item and after the last one: blank lines, code fence lines (a list inside
 *   ```` ``` ```` is read as a list), and at most {@link maximumSurroundingLines} lines of other
 *   text each (a heading, an introduction, a closing remark), else `too-much-text`.
 * - No item line at all is `no-list`.
 *
 * Each item's text is trimmed; a pair of `**` or `__` around the whole item, then a pair of double
 * quotes (`"…"` or `“…”`) around it, is removed when the item holds no other such mark. Items that
 * are then empty are left out. Nothing else is changed: markdown inside an item, a trailing
 * question mark, a `Title: description` form all stay.
 *
 * The number of items is not checked here: see `checkListItems`.
 */
export function parseListLocally(answer: string): LocalListParse {
  const lines = splitLines(answer);
  const itemIndexes = lines.flatMap((line, index) => (line.kind === 'item' ? [index] : []));
  const firstIndex = itemIndexes[0];
  const lastIndex = itemIndexes.at(-1);
  if (firstIndex === undefined || lastIndex === undefined) {
    return failure('no-list', 'the answer has no line that starts with a list marker (1. 1) - * •)');
  }
  const first = lines[firstIndex] as ItemLine;

  const introLines = lines.slice(0, firstIndex).filter((line) => line.kind === 'text').length;
  if (introLines > maximumSurroundingLines) {
    return failure('too-much-text', `the answer has ${introLines} lines of text before its list (at most ${maximumSurroundingLines} are read as a heading or introduction)`);
  }

  const spans: Array<{ start: number; end: number }> = [];
  let previous: 'item' | 'continuation' | 'blank' = 'item';
  let index = firstIndex;
  for (; index <= lastIndex; index++) {
    const line = lines[index] as Line;
    const lineNumber = index + 1;
    if (line.kind === 'item') {
      if (line.marker !== first.marker) {
        return failure('mixed-markers', `line ${lineNumber} starts with a ${markerNames[line.marker]} marker, but the first item with a ${markerNames[first.marker]} one`);
      }
      if (line.indentation !== first.indentation) {
        return failure('nested-list', `the item on line ${lineNumber} is indented differently from the first item (a list inside an item)`);
      }
      if (line.number !== undefined && line.number !== spans.length + 1) {
        return failure('bad-numbering', `item ${spans.length + 1} is numbered ${line.number} (line ${lineNumber}); the numbers must run 1, 2, 3, …`);
      }
      spans.push({ start: line.textStart, end: line.textEnd });
      previous = 'item';
    } else if (line.kind === 'blank') {
      previous = 'blank';
    } else if (line.kind === 'fence') {
      return failure('code-fence-in-list', `line ${lineNumber} is a code fence between two items`);
    } else if (previous !== 'blank' && line.indentation > first.indentation) {
      (spans.at(-1) as { end: number }).end = line.textEnd;
      previous = 'continuation';
    } else {
      return failure('text-between-items', `line ${lineNumber} is text between two items that is not indented under the item above it`);
    }
  }

  // Below the last item: its continuation lines, then at most a closing remark or two.
  for (; index < lines.length; index++) {
    const line = lines[index] as Line;
    if (line.kind !== 'text' || line.indentation <= first.indentation) break;
    (spans.at(-1) as { end: number }).end = line.textEnd;
  }
  const next = lines[index];
  if (next?.kind === 'text') {
    return failure('unclear-end', `line ${index + 1}, directly below the last item, is not indented under it: it may be the rest of the item or a closing remark`);
  }
  const outroLines = lines.slice(index).filter((line) => line.kind === 'text').length;
  if (outroLines > maximumSurroundingLines) {
    return failure('too-much-text', `the answer has ${outroLines} lines of text after its list (at most ${maximumSurroundingLines} are read as closing remarks)`);
  }

  const items = spans.map(({ start, end }) => unwrapItem(answer.slice(start, end))).filter((item) => item !== '');
  return { ok: true, items, marker: first.marker };
}

// --- Internal helpers ---

/** One line of the answer, classified. Offsets are into the whole answer. */
type Line =
  | { readonly kind: 'blank' }
  | { readonly kind: 'fence' }
  | { readonly kind: 'text'; readonly indentation: number; readonly textEnd: number }
  | ItemLine;

interface ItemLine {
  readonly kind: 'item';
  readonly marker: ListMarkerKind;
  /** The item's number, for numbered markers. */
  readonly number: number | undefined;
  /** Columns before the marker (a tab counts 4). */
  readonly indentation: number;
  /** Where the item's text starts (after the marker and the whitespace after it). */
  readonly textStart: number;
  /** Where the line's text ends, trailing whitespace excluded. */
  readonly textEnd: number;
}

const markerNames: Readonly<Record<ListMarkerKind, string>> = {
  numbered: '"1."',
  'numbered-parenthesis': '"1)"',
  dash: '"-"',
  asterisk: '"*"',
  bullet: '"•"',
};

/**
 * Indentation, a marker, then whitespace or the end of the line. Linear: no nested quantifiers,
 * so a hostile line cannot make it backtrack.
 */
const itemLinePattern = /^([ \t]*)(?:(\d{1,6})([.)])|([-*•]))(?:[ \t]+|$)/;

/** A code fence line: ```` ``` ```` or `~~~`, with an optional info string (```` ```markdown ````). */
const fenceLinePattern = /^[ \t]*(?:```|~~~)/;

function splitLines(answer: string): Line[] {
  const lines: Line[] = [];
  let offset = 0;
  for (const raw of answer.split('\n')) {
    const start = offset;
    offset += raw.length + 1;
    const content = raw.trimEnd();
    const textEnd = start + content.length;
    if (content.trim() === '') {
      lines.push({ kind: 'blank' });
    } else if (fenceLinePattern.test(content)) {
      lines.push({ kind: 'fence' });
    } else {
      const found = itemLinePattern.exec(content);
      if (found == null) {
        lines.push({ kind: 'text', indentation: columns(/^[ \t]*/.exec(content)?.[0] ?? ''), textEnd });
      } else {
        const [matched, indentation = '', digits, terminator, bullet] = found;
        lines.push({
          kind: 'item',
          marker: markerKind(terminator, bullet),
          number: digits === undefined ? undefined : Number(digits),
          indentation: columns(indentation),
          textStart: Math.min(start + matched.length, textEnd),
          textEnd,
        });
      }
    }
  }
  return lines;
}

/** The kind of a marker: a number's terminator (`.` or `)`), or the bullet character. */
function markerKind(terminator: string | undefined, bullet: string | undefined): ListMarkerKind {
  if (terminator === '.') return 'numbered';
  if (terminator === ')') return 'numbered-parenthesis';
  return bullet === '-' ? 'dash' : bullet === '*' ? 'asterisk' : 'bullet';
}

/** Width of leading whitespace, a tab counting as 4 columns. */
function columns(whitespace: string): number {
  let width = 0;
  for (const character of whitespace) width += character === '\t' ? 4 : 1;
  return width;
}

/** Pairs of marks removed from around a whole item, in this order. */
const wrappers: ReadonlyArray<readonly [string, string]> = [
  ['**', '**'],
  ['__', '__'],
  ['"', '"'],
  ['“', '”'],
];

/** Trims an item and removes a pair of bold marks or double quotes around all of it. */
function unwrapItem(text: string): string {
  let item = text.trim();
  for (const [open, close] of wrappers) {
    if (item.length < open.length + close.length || !item.startsWith(open) || !item.endsWith(close)) continue;
    const inner = item.slice(open.length, item.length - close.length);
    if (!inner.includes(open) && !inner.includes(close)) item = inner.trim();
  }
  return item;
}

function failure(problem: LocalListProblem, message: string): LocalListParse {
  return { ok: false, problem, message };
}
