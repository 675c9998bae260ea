import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { readFully, writeFully } from './whole-file-io';

/** Sizes of an {@link AppendOnlyStringStore}'s buffers. */
export interface AppendOnlyStringStoreOptions {
  /** Bytes of text buffered before a write to disk. Default 1 MiB. */
  readonly bufferBytes?: number;
  /** Strings kept in memory after a read, for ids read again and again (tie-breaks). Default 256. */
  readonly cachedStrings?: number;
}

/** Bytes of one index entry: the string's start and byte length, two float64 numbers. */
const indexEntryBytes = 16;
/** Index entries buffered before a write. */
const indexBufferEntries = 4096;

/**
 * Strings (record ids, texts) appended to a file in the order they come, each readable again by
 * its number: what a dedup filter needs to name a record or verify a candidate after it has
 * forgotten them. Memory stays fixed whatever the count: a write buffer, an index buffer and a
 * small cache. Two files in `directory`: `<name>.data` (UTF-8 text) and `<name>.index` (start and
 * length of each string). Writes and reads are synchronous; reads flush pending writes first.
 */
export class AppendOnlyStringStore {
  readonly #dataPath: string;
  readonly #indexPath: string;
  readonly #dataFile: number;
  readonly #indexFile: number;
  readonly #dataBuffer: Buffer;
  readonly #indexBuffer = new Float64Array(indexBufferEntries * 2);
  readonly #entryBuffer = new Float64Array(2);
  readonly #cache = new Map<number, string>();
  readonly #cachedStrings: number;
  #readBuffer = Buffer.alloc(4096);
  #dataBuffered = 0;
  #dataWritten = 0;
  #indexBuffered = 0;
  #count = 0;
  #closed = false;

  constructor(directory: string, name: string, options: AppendOnlyStringStoreOptions = {}) {
    this.#dataPath = join(directory, `${name}.data`);
    this.#indexPath = join(directory, `${name}.index`);
    this.#dataFile = openSync(this.#dataPath, 'w+');
    this.#indexFile = openSync(this.#indexPath, 'w+');
    this.#dataBuffer = Buffer.allocUnsafe(options.bufferBytes ?? 1 << 20);
    this.#cachedStrings = options.cachedStrings ?? 256;
  }

  /** How many strings have been appended. */
  get size(): number {
    return this.#count;
  }

  /** Appends `text`; it becomes string number `size - 1`. */
  append(text: string): void {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > this.#dataBuffer.length - this.#dataBuffered) this.#flushData();
    const start = this.#dataWritten + this.#dataBuffered;
    if (bytes > this.#dataBuffer.length) {
      writeSync(this.#dataFile, text, this.#dataWritten, 'utf8');
      this.#dataWritten += bytes;
    } else {
      this.#dataBuffer.write(text, this.#dataBuffered, 'utf8');
      this.#dataBuffered += bytes;
    }
    if (this.#indexBuffered === indexBufferEntries) this.#flushIndex();
    this.#indexBuffer[this.#indexBuffered * 2] = start;
    this.#indexBuffer[this.#indexBuffered * 2 + 1] = bytes;
    this.#indexBuffered++;
    this.#count++;
  }

  /** String number `index` (from 0, in the order of `append`). */
  read(index: number): string {
    const cached = this.#cache.get(index);
    if (cached != null) return cached;
    if (!Number.isInteger(index) || index < 0 || index >= this.#count) {
      throw new RangeError(`AppendOnlyStringStore ${this.#dataPath}: no string number ${index}; it holds ${this.#count}.`);
    }
    this.flush();
    readFully(this.#indexFile, this.#entryBuffer, indexEntryBytes, index * indexEntryBytes);
    const start = this.#entryBuffer[0]!;
    const length = this.#entryBuffer[1]!;
    if (this.#readBuffer.length < length) this.#readBuffer = Buffer.alloc(Math.max(length, this.#readBuffer.length * 2));
    readFully(this.#dataFile, this.#readBuffer, length, start);
    const text = this.#readBuffer.toString('utf8', 0, length);
    if (this.#cache.size >= this.#cachedStrings) this.#cache.clear();
    this.#cache.set(index, text);
    return text;
  }

  /**
   * Strings number `start` to `start + count − 1`, with two reads from disk (they are stored one
   * after the other): for loading a block of ids at once. Memory: the strings themselves.
   */
  readRange(start: number, count: number): string[] {
    if (count === 0) return [];
    if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0 || start + count > this.#count) {
      throw new RangeError(`AppendOnlyStringStore ${this.#dataPath}: no strings ${start} to ${start + count - 1}; it holds ${this.#count}.`);
    }
    this.flush();
    const entries = new Float64Array(count * 2);
    readFully(this.#indexFile, entries, count * indexEntryBytes, start * indexEntryBytes);
    const first = entries[0]!;
    const bytes = entries[count * 2 - 2]! + entries[count * 2 - 1]! - first;
    const data = Buffer.allocUnsafe(bytes);
    readFully(this.#dataFile, data, bytes, first);
    const strings: string[] = [];
    for (let index = 0; index < count; index++) {
      const from = entries[index * 2]! - first;
      strings.push(data.toString('utf8', from, from + entries[index * 2 + 1]!));
    }
    return strings;
  }

  /** Writes what is buffered to disk (reads do it themselves). */
  flush(): void {
    this.#flushData();
    this.#flushIndex();
  }

  /** Closes and deletes the files. The store cannot be used afterwards. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    closeSync(this.#dataFile);
    closeSync(this.#indexFile);
    rmSync(this.#dataPath, { force: true });
    rmSync(this.#indexPath, { force: true });
    this.#cache.clear();
  }

  #flushData(): void {
    if (this.#dataBuffered === 0) return;
    writeFully(this.#dataFile, this.#dataBuffer, this.#dataBuffered, this.#dataWritten);
    this.#dataWritten += this.#dataBuffered;
    this.#dataBuffered = 0;
  }

  #flushIndex(): void {
    if (this.#indexBuffered === 0) return;
    const firstEntry = this.#count - this.#indexBuffered;
    writeFully(this.#indexFile, this.#indexBuffer, this.#indexBuffered * indexEntryBytes, firstEntry * indexEntryBytes);
    this.#indexBuffered = 0;
  }
}
