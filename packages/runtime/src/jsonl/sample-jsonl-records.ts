import { constants, gunzipSync } from 'node:zlib';
import type { JsonRecord } from '@synthkit/core';
import { readFileStart } from '../files/read-file-start';
import { parseJsonlLine } from './parse-jsonl-line';

/** What {@link sampleJsonlRecords} read. */
export interface JsonlSample {
  /** The first records, in file order. */
  readonly records: ReadonlyArray<JsonRecord>;
  /** True when the sample holds every record of the file. */
  readonly complete: boolean;
}

/**
 * The first records of a JSONL file (plain or gzip), read synchronously from its first `maxBytes`,
 * for checks that must not wait: `validate` looks at their syntax and fields before any request.
 * A line cut by the byte limit is left out. Blank lines and a byte order mark are skipped, as
 * `readJsonl` does, and lines are numbered the same way.
 *
 * @param maxRecords records to read at most. Default: 100.
 * @param maxBytes bytes of the file (compressed, for gzip) to read at most. Default: 1 MiB.
 * @throws JsonlParseError for a line among them that is not a JSON object; the system error when
 *   the file cannot be read; a zlib error when gzip data is corrupt.
 */
export function sampleJsonlRecords(path: string, { maxRecords = 100, maxBytes = 1024 * 1024 } = {}): JsonlSample {
  const { bytes, wholeFile } = readFileStart(path, maxBytes);
  const isGzip = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  // A gzip stream cut short decompresses up to the cut with a sync flush instead of failing.
  const text = (isGzip ? gunzipSync(bytes, wholeFile ? {} : { finishFlush: constants.Z_SYNC_FLUSH }) : bytes).toString('utf8');
  const lines = text.split('\n');
  // The last piece is a whole line only when the whole file was read.
  if (!wholeFile) lines.pop();
  const records: JsonRecord[] = [];
  for (const [index, rawLine] of lines.entries()) {
    const line = (index === 0 && rawLine.charCodeAt(0) === 0xfeff ? rawLine.slice(1) : rawLine).replace(/\r$/, '');
    if (line.trim() === '') continue;
    if (records.length === maxRecords) return { records, complete: false };
    records.push(parseJsonlLine(line, path, index + 1));
  }
  return { records, complete: wholeFile };
}
