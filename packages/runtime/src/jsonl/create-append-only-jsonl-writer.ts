import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { JsonlWriteError } from './jsonl-write-error';

/** A JSONL file written by appending, whose durable length is known: the basis of resumable runs. */
export interface AppendOnlyJsonlWriter {
  /** The file, as given. */
  readonly path: string;
  /** Bytes in the file once every line appended so far is written: where the next line starts. */
  readonly endOffset: number;
  /**
   * Appends one line (a record already serialized, without the newline). Resolves at once unless
   * a large buffer is waiting for the disk, in which case it resolves when that buffer is written,
   * so a producer that awaits each write holds a bounded amount in memory.
   */
  writeLine(line: string): Promise<void>;
  /**
   * Writes everything buffered, fsyncs, and resolves to the file's length in bytes: every line
   * appended before the call is on disk below that offset, whole.
   */
  flush(): Promise<number>;
  /** Flushes and closes the file. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Opens `path` for appending (creating it and its folder when missing) and returns a writer that
 * buffers lines and appends them in order. Unlike `createJsonlWriter`, nothing is renamed at the
 * end: what is written is in the file at once, and `flush()` gives a durable offset that a
 * checkpoint can record. Truncating the file to such an offset after a crash removes any torn line.
 *
 * @throws JsonlWriteError when the file cannot be opened (a folder in the way, no permission).
 */
export async function createAppendOnlyJsonlWriter(path: string): Promise<AppendOnlyJsonlWriter> {
  const destination = resolve(path);
  let handle: FileHandle;
  try {
    await mkdir(dirname(destination), { recursive: true });
    handle = await open(destination, 'a');
  } catch (error) {
    throw new JsonlWriteError({ file: path, message: `Cannot open "${path}" for writing: ${(error as Error).message}.`, cause: error });
  }
  const { size } = await handle.stat();
  return new BufferedAppendWriter(path, handle, size);
}

// --- Internal helpers ---

/** Bytes buffered before they are handed to the file. */
const chunkBytes = 64 * 1024;
/** Bytes buffered beyond which `writeLine` waits for the disk. */
const backPressureBytes = 4 * 1024 * 1024;

class BufferedAppendWriter implements AppendOnlyJsonlWriter {
  private buffer: string[] = [];
  private bufferedBytes = 0;
  private inFlightBytes = 0;
  /** Bytes of every line appended so far, written or not. */
  endOffset: number;
  /** Every file write runs after the previous one, through this chain. */
  private writing: Promise<void> = Promise.resolve();
  private failure: JsonlWriteError | undefined;
  private closed: Promise<void> | undefined;

  constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    /** Bytes in the file once every queued write is done. */
    private length: number,
  ) {
    this.endOffset = length;
  }

  writeLine(line: string): Promise<void> {
    if (this.failure != null) return Promise.reject(this.failure);
    if (this.closed != null) return Promise.reject(new JsonlWriteError({ file: this.path, message: `Cannot write to "${this.path}": it is closed.` }));
    const text = `${line}\n`;
    const bytes = Buffer.byteLength(text);
    this.buffer.push(text);
    this.bufferedBytes += bytes;
    this.endOffset += bytes;
    if (this.bufferedBytes < chunkBytes) return Promise.resolve();
    const written = this.drain();
    if (this.inFlightBytes > backPressureBytes) return written;
    // A failure surfaces on the next write or flush.
    written.catch(() => {});
    return Promise.resolve();
  }

  async flush(): Promise<number> {
    this.drain();
    await this.writing;
    if (this.failure != null) throw this.failure;
    await this.handle.sync();
    return this.length;
  }

  close(): Promise<void> {
    this.closed ??= (async () => {
      try {
        if (this.failure == null) await this.flush();
      } finally {
        await this.handle.close().catch(() => {});
      }
    })();
    return this.closed;
  }

  /** Hands the buffer to the file, after the writes before it. */
  private drain(): Promise<void> {
    if (this.buffer.length === 0) return this.writing;
    const chunk = Buffer.from(this.buffer.join(''), 'utf8');
    this.buffer = [];
    this.bufferedBytes = 0;
    this.inFlightBytes += chunk.length;
    this.writing = this.writing.then(async () => {
      if (this.failure != null) return;
      try {
        let offset = 0;
        while (offset < chunk.length) {
          const { bytesWritten } = await this.handle.write(chunk, offset, chunk.length - offset);
          offset += bytesWritten;
        }
        this.length += chunk.length;
      } catch (error) {
        this.failure = new JsonlWriteError({ file: this.path, message: `Cannot write to "${this.path}": ${(error as Error).message}.`, cause: error });
      } finally {
        this.inFlightBytes -= chunk.length;
      }
    });
    return this.writing.then(() => {
      if (this.failure != null) throw this.failure;
    });
  }
}
