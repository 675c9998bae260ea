import { SynthkitError } from '@synthkit/core';

const name = 'SYNTHKIT_JsonlParseError';
const marker = `synthkit.error.${name}`;
const symbol = Symbol.for(marker);

/**
 * A line of a JSONL file is not a JSON object: invalid JSON, another JSON value (array, number,
 * string, `null`), or compressed data that cannot be decompressed.
 *
 * The message reads like a compiler error, so editors and terminals can jump to it:
 * `data.jsonl:17: Unexpected token 'x', "x" is not valid JSON (line starts: x)`.
 */
export class JsonlParseError extends SynthkitError {
  private readonly [symbol] = true;

  /** The file, as the path was given to the reader. */
  readonly file: string;
  /** The line, counted from 1 and including blank lines, as editors count them. */
  readonly line: number;

  constructor({
    file,
    line,
    message,
    lineText,
    cause,
  }: {
    file: string;
    line: number;
    /** What is wrong with the line. */
    message: string;
    /** The offending line; its start is quoted in the message. Omit when no line could be read. */
    lineText?: string;
    cause?: unknown;
  }) {
    const start = lineText == null ? '' : ` (line starts: ${lineStart(lineText)})`;
    super({ name, message: `${file}:${line}: ${message}${start}`, cause });
    this.file = file;
    this.line = line;
  }

  static override isInstance(error: unknown): error is JsonlParseError {
    return SynthkitError.hasMarker(error, marker);
  }
}

// --- Internal helpers ---

/** Characters (code points) of the line quoted in the message: enough to recognise it, short enough to read. */
const lineStartLength = 40;

function lineStart(text: string): string {
  const characters = Array.from(text.slice(0, lineStartLength * 2));
  return characters.length > lineStartLength || text.length > lineStartLength * 2
    ? `${characters.slice(0, lineStartLength).join('')}…`
    : text;
}
