import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InvalidArgumentError, type JsonRecord } from '@synthkit/core';
import { JsonlParseError } from './jsonl-parse-error';
import { parseJsonlLine } from './parse-jsonl-line';

/** Options of {@link readJsonl}. */
export interface ReadJsonlOptions {
  /**
   * Stops reading: the file is closed and iteration throws `signal.reason` (an `AbortError` by
   * default) at the next record.
   */
  readonly signal?: AbortSignal;
}

/**
 * Streams the records of a JSONL file (one JSON object per line), in file order.
 *
 * - Memory stays bounded: the file is read in 64 KiB chunks and split into lines as it streams
 *   (`node:readline`); it is never read whole. Only one line has to fit in memory.
 * - Gzip input is decompressed when the path ends in `.gz` or when the file starts with the gzip
 *   magic bytes `1f 8b`, so a compressed file works whatever its name. Concatenated gzip members
 *   (as `cat a.gz b.gz` makes) are read as one file. An empty file yields nothing, even when named `.gz`.
 * - Blank and whitespace-only lines are skipped. `\n` and `\r\n` line endings both work. A UTF-8
 *   byte order mark at the start of the file is ignored.
 *
 * Nothing happens until iteration starts; the file is closed when iteration ends, breaks or throws.
 *
 * @param path The file to read; relative paths resolve from the current directory.
 * @throws InvalidArgumentError (argument `path`) when the file cannot be opened (missing, a directory,
 *   no permission); the system error is the `cause`.
 * @throws JsonlParseError naming the file and line (counted from 1, blank lines included) when a line
 *   is not valid JSON, is JSON but not an object (array, number, string, `null`), or when gzip data is corrupt.
 */
export async function* readJsonl(path: string, options: ReadJsonlOptions = {}): AsyncGenerator<JsonRecord, void, undefined> {
  const { signal } = options;
  signal?.throwIfAborted();

  const handle = await openFile(path);
  const fileStream = handle.createReadStream();
  let input: Readable;
  try {
    const { start, ended } = await peekStart(fileStream, path);
    if (start.length === 0) {
      fileStream.destroy();
      return;
    }
    // A one-byte file has ended while being peeked at: bytes put back after that would never be
    // followed by an end event, and the reader would wait for one forever. Read them from memory.
    const source: Readable = ended ? Readable.from([start]) : fileStream;
    if (ended) fileStream.destroy();
    const isGzipData = start.length >= 2 && start[0] === 0x1f && start[1] === 0x8b;
    if (!isGzipData && path.toLowerCase().endsWith('.gz')) {
      throw new JsonlParseError({
        file: path,
        line: 1,
        message:
          'the name ends in .gz but the file does not start with the gzip magic bytes 1f 8b. ' +
          'Compress it with gzip, or remove .gz from the name if it is plain JSONL.',
      });
    }
    if (isGzipData) {
      const gunzip = createGunzip();
      pipeline(source, gunzip, ignore);
      input = gunzip;
    } else {
      input = source;
    }
  } catch (error) {
    fileStream.destroy();
    throw error;
  }

  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const stop = () => {
    lines.close();
    input.destroy();
  };
  signal?.addEventListener('abort', stop, { once: true });
  let lineNumber = 0;
  try {
    for await (const rawLine of lines) {
      signal?.throwIfAborted();
      lineNumber += 1;
      const line = lineNumber === 1 && rawLine.charCodeAt(0) === byteOrderMark ? rawLine.slice(1) : rawLine;
      if (line.trim() === '') continue;
      yield parseJsonlLine(line, path, lineNumber);
    }
  } catch (error) {
    if (isZlibError(error)) {
      throw new JsonlParseError({
        file: path,
        line: lineNumber + 1,
        message: `the gzip data is corrupt or truncated: ${(error as Error).message}.`,
        cause: error,
      });
    }
    throw error;
  } finally {
    signal?.removeEventListener('abort', stop);
    lines.close();
    input.destroy();
  }
  signal?.throwIfAborted();
}

// --- Internal helpers ---

const byteOrderMark = 0xfeff;

function ignore(): void {}

/** Opens the file, turning system errors into a message that names the path. */
async function openFile(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (error) {
    throw cannotReadError(path, error);
  }
}

/**
 * Reads the first two bytes (fewer for tiny files) and, unless the stream ended meanwhile (`ended`:
 * `start` is then the whole file), puts them back, so the stream still starts at byte 0. Works on
 * pipes and FIFOs too, where positional reads are impossible.
 */
async function peekStart(stream: Readable, path: string): Promise<{ start: Buffer; ended: boolean }> {
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  try {
    while (length < 2) {
      const chunk = await nextChunk(stream);
      if (chunk == null) {
        ended = true;
        break;
      }
      chunks.push(chunk);
      length += chunk.length;
    }
  } catch (error) {
    throw cannotReadError(path, error);
  }
  const start = Buffer.concat(chunks);
  if (start.length > 0 && !ended) stream.unshift(start);
  return { start, ended };
}

/** The next buffered chunk in paused mode, or null at the end of the stream. */
function nextChunk(stream: Readable): Promise<Buffer | null> {
  const chunk = stream.read() as Buffer | null;
  if (chunk != null) return Promise.resolve(chunk);
  if (stream.readableEnded) return Promise.resolve(null);
  return new Promise((resolvePromise, reject) => {
    const cleanup = () => {
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    const onReadable = () => {
      cleanup();
      resolvePromise(nextChunk(stream));
    };
    const onEnd = () => {
      cleanup();
      resolvePromise(null);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    stream.on('readable', onReadable);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}

function cannotReadError(path: string, error: unknown): InvalidArgumentError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT'
      ? `no such file (looked for ${resolve(path)})`
      : code === 'EISDIR'
        ? 'it is a directory, not a file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : String((error as Error | undefined)?.message ?? error);
  return new InvalidArgumentError({ argument: 'path', message: `Cannot read JSONL file "${path}": ${reason}.`, cause: error });
}

function isZlibError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}
