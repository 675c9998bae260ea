import { randomBytes } from 'node:crypto';
import { constants as fileSystemConstants, type WriteStream } from 'node:fs';
import { copyFile, mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { createGzip, type Gzip } from 'node:zlib';
import type { DatasetWriterV1, JsonRecord } from '@synthkit/core';
import { JsonlWriteError } from './jsonl-write-error';

/** Options of {@link createJsonlWriter}. */
export interface JsonlWriterOptions {
  /**
   * Keep the records already in the file and add the new ones after them. The commit is still
   * atomic: the temporary file starts as a copy of the existing file, so until `commit()` readers
   * see the old content. A missing file is created.
   * @default false (the file is replaced)
   */
  readonly append?: boolean;
}

/** A `DatasetWriterV1` that writes one JSONL file atomically. */
export interface JsonlWriter extends DatasetWriterV1 {
  /** The destination file, as given. */
  readonly path: string;
  /**
   * Records written so far through this writer (records already in the file in append mode are
   * not counted). Updated when a `write()` promise resolves.
   */
  readonly count: number;
  /**
   * Adds one record as a line of compact JSON ending in `\n`. Fields whose value is `undefined` are
   * dropped, as `JSON.stringify` does.
   *
   * Resolves once the record is handed to the file stream; when the stream's buffer is full it
   * resolves only after the buffer drains, so a producer that awaits each write never holds more
   * than about 16 KiB of pending output. Concurrent calls are written in call order.
   *
   * @throws JsonlWriteError (with `recordIndex`) for a value JSON cannot represent (a BigInt, a
   *   cycle) or a record that is not an object; the record is skipped and the writer stays usable.
   * @throws JsonlWriteError after `commit()` or `abort()`, or when the file cannot be written.
   */
  write(record: JsonRecord): Promise<void>;
  /**
   * Makes everything written visible at `path` atomically: flushes, fsyncs the temporary file,
   * renames it over `path` and fsyncs the directory. A writer that wrote nothing commits an empty file.
   * If the commit fails, the temporary file is removed and `path` keeps its previous content.
   *
   * @throws JsonlWriteError when called twice, after `abort()`, or when a write or the rename failed.
   */
  commit(): Promise<void>;
  /**
   * Discards everything written: closes and removes the temporary file; `path` is left as it was.
   * Safe to call more than once, and after a commit (it then does nothing), so it fits in `finally`.
   */
  abort(): Promise<void>;
}

/**
 * Creates an atomic JSONL writer: records go to a temporary file next to `path`
 * (`.<name>.<pid>.<random>.tmp`, in the same directory so the final rename cannot cross file
 * systems), and `commit()` renames it over `path`. Until then, readers of `path` see its previous
 * content (or no file), never a half-written one, and a crash leaves at most a stray `.tmp` file.
 *
 * The parent directories and the temporary file are created right away, in the background; a
 * failure there (e.g. no permission) is reported by the first `write()` or by `commit()`.
 *
 * When `path` ends in `.gz` the output is gzip-compressed (in append mode as a new gzip member
 * after the existing ones, which gzip readers, including `readJsonl`, read as one file).
 *
 * @param path The destination file; relative paths resolve from the current directory now.
 */
export function createJsonlWriter(path: string, options: JsonlWriterOptions = {}): JsonlWriter {
  return new AtomicJsonlWriter(path, options.append ?? false);
}

// --- Internal helpers ---

/** Size of the compressed chunks handed to the file stream, in bytes: fewer, larger file writes than the 16 KiB default. */
const gzipChunkSize = 64 * 1024;

type WriterState = 'open' | 'committing' | 'committed' | 'aborted' | 'failed';

/** The open temporary file and the streams that write to it. */
interface TemporaryFile {
  readonly handle: FileHandle;
  readonly fileStream: WriteStream;
  /** Where records are written: the gzip stream, or the file stream for plain output. */
  readonly sink: Writable;
  readonly gzip: Gzip | undefined;
  closed: boolean;
}

class AtomicJsonlWriter implements JsonlWriter {
  readonly specificationVersion = 'v1' as const;
  readonly path: string;

  private readonly destination: string;
  private readonly temporaryPath: string;
  private readonly temporaryFile: Promise<TemporaryFile>;
  /** Every write and the commit run one after another through this chain. */
  private queue: Promise<unknown>;
  private state: WriterState = 'open';
  /** The first stream error; every later write and the commit fail with it. */
  private failure: JsonlWriteError | undefined;
  private recordsPassed = 0;
  private recordsWritten = 0;

  constructor(path: string, append: boolean) {
    this.path = path;
    this.destination = resolve(path);
    const directory = dirname(this.destination);
    const suffix = randomBytes(6).toString('hex');
    this.temporaryPath = resolve(directory, `.${basename(this.destination)}.${process.pid}.${suffix}.tmp`);
    this.temporaryFile = this.createTemporaryFile(directory, append);
    // Failures surface through write()/commit(); this keeps an unused writer from crashing the process.
    this.temporaryFile.catch(ignore);
    this.queue = this.temporaryFile;
  }

  get count(): number {
    return this.recordsWritten;
  }

  async write(record: JsonRecord): Promise<void> {
    this.assertOpen('write to');
    const recordIndex = this.recordsPassed;
    this.recordsPassed += 1;
    const line = this.serialize(record, recordIndex);
    await this.enqueue(async () => {
      const file = await this.temporaryFile;
      this.assertUsable();
      if (!file.sink.write(line)) {
        try {
          await waitForDrain(file.sink);
        } catch (error) {
          this.assertUsable();
          throw this.toWriteError(error, 'Cannot write');
        }
      }
      this.assertUsable();
      this.recordsWritten += 1;
    });
  }

  async commit(): Promise<void> {
    this.assertOpen('commit');
    this.state = 'committing';
    // Once the temporary file is complete and on disk, a failure to move it into place must not
    // delete it: it holds every record written (which may have cost real money to generate).
    let complete = false;
    try {
      await this.enqueue(async () => {
        const file = await this.temporaryFile;
        this.assertUsable();
        await endStreams(file);
        this.assertUsable();
        await file.handle.sync();
        // The stream holds a reference to the handle, and FileHandle.close() waits for it to be released.
        file.fileStream.destroy();
        file.closed = true;
        await file.handle.close();
        complete = true;
        await rename(this.temporaryPath, this.destination);
        await syncDirectory(dirname(this.destination));
      });
      this.state = 'committed';
    } catch (error) {
      this.state = 'failed';
      if (complete) {
        const message = error instanceof Error ? error.message : String(error);
        throw new JsonlWriteError({
          file: this.path,
          message:
            `Cannot move the finished file into place at "${this.path}": ${message}. ` +
            `All ${this.recordsWritten} records are kept in ${this.temporaryPath}; move that file where you want it.`,
          cause: error,
        });
      }
      await this.discard();
      throw this.toWriteError(error, 'Cannot commit');
    }
  }

  async abort(): Promise<void> {
    if (this.state === 'committing') {
      throw new JsonlWriteError({
        file: this.path,
        message: `Cannot abort "${this.path}": a commit is in progress. Await commit() first.`,
      });
    }
    if (this.state !== 'open') return;
    this.state = 'aborted';
    await this.discard();
  }

  private async createTemporaryFile(directory: string, append: boolean): Promise<TemporaryFile> {
    let handle: FileHandle | undefined;
    try {
      await mkdir(directory, { recursive: true });
      let copiedExistingFile = false;
      if (append) copiedExistingFile = await copyIfExists(this.destination, this.temporaryPath);
      handle = await open(this.temporaryPath, append ? 'a+' : 'wx');
      const isGzip = this.destination.toLowerCase().endsWith('.gz');
      const needsNewline = copiedExistingFile && !isGzip && !(await endsWithNewline(handle));
      const fileStream = handle.createWriteStream({ autoClose: false });
      const gzip = isGzip ? createGzip({ chunkSize: gzipChunkSize }) : undefined;
      const file: TemporaryFile = { handle, fileStream, sink: gzip ?? fileStream, gzip, closed: false };
      const onError = (error: Error) => {
        this.failure ??= this.toWriteError(error, 'Cannot write');
      };
      fileStream.on('error', onError);
      if (gzip != null) {
        gzip.on('error', onError);
        gzip.pipe(fileStream);
      }
      if (needsNewline) file.sink.write('\n');
      return file;
    } catch (error) {
      await handle?.close().catch(ignore);
      throw this.toWriteError(error, 'Cannot create');
    }
  }

  /** JSON for one record plus `\n`; refuses values that would not read back as one object per line. */
  private serialize(record: JsonRecord, recordIndex: number): string {
    let json: string | undefined;
    try {
      json = JSON.stringify(record);
    } catch (error) {
      throw new JsonlWriteError({
        file: this.path,
        recordIndex,
        message:
          `Cannot write record ${recordIndex} (counted from 0) to "${this.path}": ${(error as Error).message}. ` +
          'Records must be plain JSON: convert BigInt values to numbers or strings and remove circular references.',
        cause: error,
      });
    }
    if (json == null || json.charCodeAt(0) !== 0x7b) {
      throw new JsonlWriteError({
        file: this.path,
        recordIndex,
        message: `Cannot write record ${recordIndex} (counted from 0) to "${this.path}": each record must be a JSON object, got ${json ?? String(record)}.`,
      });
    }
    return `${json}\n`;
  }

  private enqueue(operation: () => Promise<void>): Promise<void> {
    const result = this.queue.then(operation, operation);
    this.queue = result.catch(ignore);
    return result;
  }

  private assertOpen(action: string): void {
    if (this.state === 'open') return;
    const reason: Record<Exclude<WriterState, 'open'>, string> = {
      committing: 'it is being committed',
      committed: 'it was already committed',
      aborted: 'it was aborted',
      failed: 'its commit failed',
    };
    throw new JsonlWriteError({
      file: this.path,
      message: `Cannot ${action} JSONL writer for "${this.path}": ${reason[this.state]}. Create a new writer to write again.`,
    });
  }

  /** Inside queued operations: stop when a stream failed or the writer was aborted meanwhile. */
  private assertUsable(): void {
    if (this.failure != null) throw this.failure;
    if (this.state === 'aborted') {
      throw new JsonlWriteError({ file: this.path, message: `Cannot write to "${this.path}": the writer was aborted.` });
    }
  }

  /** Closes and removes the temporary file, ignoring errors: this runs on paths that already failed. */
  private async discard(): Promise<void> {
    const file = await this.temporaryFile.catch(() => undefined);
    if (file != null) {
      file.gzip?.destroy();
      file.fileStream.destroy();
      if (!file.closed) {
        file.closed = true;
        await file.handle.close().catch(ignore);
      }
    }
    await rm(this.temporaryPath, { force: true }).catch(ignore);
  }

  private toWriteError(error: unknown, action: string): JsonlWriteError {
    if (JsonlWriteError.isInstance(error)) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new JsonlWriteError({
      file: this.path,
      message: `${action} "${this.path}" (temporary file ${this.temporaryPath}): ${message}`,
      cause: error,
    });
  }
}

function ignore(): void {}

/** Waits for 'drain'; rejects if the stream fails or is closed first, so an abort never leaves a write hanging. */
function waitForDrain(stream: Writable): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const cleanup = () => {
      stream.off('drain', onDrain);
      stream.off('error', onError);
      stream.off('close', onClose);
    };
    const onDrain = () => {
      cleanup();
      resolvePromise();
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      reject(new Error('the output stream was closed'));
    };
    stream.on('drain', onDrain);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}

/** Ends the sink and waits until every byte has reached the file (through gzip, when compressing). */
function endStreams(file: TemporaryFile): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const { fileStream } = file;
    const onFinish = () => {
      fileStream.off('error', onError);
      resolvePromise();
    };
    const onError = (error: Error) => {
      fileStream.off('finish', onFinish);
      reject(error);
    };
    fileStream.once('finish', onFinish);
    fileStream.once('error', onError);
    file.gzip?.once('error', onError);
    file.sink.end();
  });
}

/** Copies `source` to a new file `target`; false when there is no source. */
async function copyIfExists(source: string, target: string): Promise<boolean> {
  try {
    await copyFile(source, target, fileSystemConstants.COPYFILE_EXCL);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** True for an empty file or one whose last byte is `\n`, so appended records start on a new line. */
async function endsWithNewline(handle: FileHandle): Promise<boolean> {
  const { size } = await handle.stat();
  if (size === 0) return true;
  const buffer = Buffer.alloc(1);
  await handle.read(buffer, 0, 1, size - 1);
  return buffer[0] === 0x0a;
}

/** Makes the rename itself durable. Not every platform can fsync a directory (Windows), so errors are ignored. */
async function syncDirectory(directory: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // Durability of the rename is best effort; the data itself was fsynced.
  } finally {
    await handle?.close().catch(ignore);
  }
}
