import { closeSync, fstatSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { readFully, writeFully } from './whole-file-io';

/**
 * Orders two fixed-width records, each given as a word array and the offset of its first word:
 * negative when `left` goes first. It must be a total order (end with a unique field, such as a
 * record index, so no two records compare equal), and it may be called with records of the sort
 * buffer, of merge buffers, or one of each.
 */
export type RecordComparator = (left: Uint32Array, leftOffset: number, right: Uint32Array, rightOffset: number) => number;

/** What an {@link ExternalSorter} sorts, where, and in how much memory. */
export interface ExternalSorterOptions {
  /** Folder for the sorted runs; they are deleted when the reader or sorter closes. */
  readonly directory: string;
  /** File name prefix, unique in `directory`. */
  readonly name: string;
  /** Words (unsigned 32-bit) per record. */
  readonly wordsPerRecord: number;
  /** The order. */
  readonly compare: RecordComparator;
  /** Bytes of the sort buffer: records are sorted in it and written as a run when it is full. Default 4 MiB. */
  readonly bufferBytes?: number;
  /** Most runs merged at once; more are first merged in groups of this many. Default 64. */
  readonly mergeFanIn?: number;
  /** Bytes read from a run at a time while merging (one buffer per run merged). Default 64 KiB. */
  readonly readBufferBytes?: number;
}

/** Sorted records, read one at a time: after `next()` returns true, the record is at `words[offset...]`. */
export interface SortedRecordReader {
  /** The array holding the current record (changes from record to record). */
  readonly words: Uint32Array;
  /** The current record's first word in `words`. */
  readonly offset: number;
  /** Moves to the next record; false when there is none (the reader then closes itself). */
  next(): boolean;
  /** Closes the files and deletes the runs. Safe to call more than once. */
  close(): void;
}

/**
 * Sorts any number of fixed-width records in fixed memory (an external merge sort): records are
 * collected in a typed-array buffer, which is sorted and written to disk as a run whenever it is
 * full; `finish` merges the runs (in rounds of at most `mergeFanIn`, so the open files and read
 * buffers are bounded too) and returns a reader of the records in order. Records that fit in one
 * buffer never touch the disk. Memory: the sort buffer, plus a read buffer per merged run.
 *
 * ```ts
 * const sorter = new ExternalSorter({ directory, name: 'pairs', wordsPerRecord: 2, compare });
 * const offset = sorter.reserve();
 * sorter.records[offset] = key;
 * sorter.records[offset + 1] = index;
 * const reader = await sorter.finish();
 * while (reader.next()) use(reader.words[reader.offset]);
 * ```
 */
export class ExternalSorter {
  readonly #options: Required<ExternalSorterOptions>;
  readonly #capacity: number;
  readonly #runs: string[] = [];
  #records: Uint32Array;
  #buffered = 0;
  #count = 0;
  #runNumber = 0;
  #finished = false;

  constructor(options: ExternalSorterOptions) {
    this.#options = { bufferBytes: 4 << 20, mergeFanIn: 64, readBufferBytes: 64 << 10, ...options };
    if (!Number.isInteger(options.wordsPerRecord) || options.wordsPerRecord < 1) {
      throw new RangeError(`ExternalSorter ${options.name}: wordsPerRecord must be a whole number of at least 1, not ${options.wordsPerRecord}.`);
    }
    if (this.#options.mergeFanIn < 2) throw new RangeError(`ExternalSorter ${options.name}: mergeFanIn must be at least 2.`);
    this.#capacity = Math.max(2, Math.floor(this.#options.bufferBytes / (4 * options.wordsPerRecord)));
    this.#records = new Uint32Array(this.#capacity * options.wordsPerRecord);
  }

  /** The sort buffer, where the record reserved by {@link reserve} is written. */
  get records(): Uint32Array {
    return this.#records;
  }

  /** Records added so far. */
  get count(): number {
    return this.#count;
  }

  /** Runs written to disk so far (0 while everything fits in the buffer). */
  get runCount(): number {
    return this.#runs.length;
  }

  /** Makes room for one more record and returns the offset of its first word in {@link records}. */
  reserve(): number {
    if (this.#finished) throw new Error(`ExternalSorter ${this.#options.name}: records were added after finish().`);
    if (this.#buffered === this.#capacity) this.#spill();
    this.#count++;
    return this.#buffered++ * this.#options.wordsPerRecord;
  }

  /**
   * Ends the input and returns a reader of every record in order. Merging many runs takes a while,
   * so it lets the event loop turn between chunks of work.
   */
  async finish(): Promise<SortedRecordReader> {
    if (this.#finished) throw new Error(`ExternalSorter ${this.#options.name}: finish() was called twice.`);
    this.#finished = true;
    const { wordsPerRecord, compare } = this.#options;
    if (this.#runs.length === 0) {
      const order = sortedOrder(this.#records, this.#buffered, wordsPerRecord, compare);
      return new BufferReader(this.#records, order, this.#buffered, wordsPerRecord);
    }
    this.#spill();
    this.#records = new Uint32Array(0);
    while (this.#runs.length > this.#options.mergeFanIn) {
      const group = this.#runs.splice(0, this.#options.mergeFanIn);
      const merged = this.#nextRunPath();
      await this.#mergeToFile(group, merged);
      this.#runs.push(merged);
    }
    const runs = this.#runs.splice(0);
    return new MergeReader(this.#openCursors(runs), compare, runs);
  }

  /** Deletes the runs written so far (for a sort abandoned before `finish`). */
  close(): void {
    for (const run of this.#runs.splice(0)) rmSync(run, { force: true });
    this.#records = new Uint32Array(0);
    this.#finished = true;
  }

  #spill(): void {
    if (this.#buffered === 0) return;
    const { wordsPerRecord, compare } = this.#options;
    const order = sortedOrder(this.#records, this.#buffered, wordsPerRecord, compare);
    const path = this.#nextRunPath();
    const file = openSync(path, 'w');
    try {
      const chunkRecords = Math.max(1, Math.floor(this.#options.readBufferBytes / (4 * wordsPerRecord)));
      const chunk = new Uint32Array(chunkRecords * wordsPerRecord);
      let position = 0;
      for (let start = 0; start < this.#buffered; start += chunkRecords) {
        const end = Math.min(this.#buffered, start + chunkRecords);
        for (let index = start; index < end; index++) {
          const source = order[index]! * wordsPerRecord;
          chunk.set(this.#records.subarray(source, source + wordsPerRecord), (index - start) * wordsPerRecord);
        }
        const bytes = (end - start) * wordsPerRecord * 4;
        writeFully(file, chunk, bytes, position);
        position += bytes;
      }
    } finally {
      closeSync(file);
    }
    this.#runs.push(path);
    this.#buffered = 0;
  }

  async #mergeToFile(runs: ReadonlyArray<string>, path: string): Promise<void> {
    const { wordsPerRecord, compare } = this.#options;
    const reader = new MergeReader(this.#openCursors(runs), compare, runs);
    const file = openSync(path, 'w');
    try {
      const chunkRecords = Math.max(1, Math.floor(this.#options.readBufferBytes / (4 * wordsPerRecord)));
      const chunk = new Uint32Array(chunkRecords * wordsPerRecord);
      let inChunk = 0;
      let position = 0;
      let sinceYield = 0;
      const flush = (): void => {
        const bytes = inChunk * wordsPerRecord * 4;
        writeFully(file, chunk, bytes, position);
        position += bytes;
        inChunk = 0;
      };
      while (reader.next()) {
        chunk.set(reader.words.subarray(reader.offset, reader.offset + wordsPerRecord), inChunk * wordsPerRecord);
        if (++inChunk === chunkRecords) flush();
        if (++sinceYield === 1 << 16) {
          sinceYield = 0;
          await nextTurn();
        }
      }
      if (inChunk > 0) flush();
    } finally {
      reader.close();
      closeSync(file);
    }
  }

  #openCursors(runs: ReadonlyArray<string>): RunCursor[] {
    const { wordsPerRecord, readBufferBytes } = this.#options;
    const bufferRecords = Math.max(1, Math.floor(readBufferBytes / (4 * wordsPerRecord)));
    return runs.map((run) => new RunCursor(run, wordsPerRecord, bufferRecords));
  }

  #nextRunPath(): string {
    return join(this.#options.directory, `${this.#options.name}-run-${this.#runNumber++}.bin`);
  }
}

// --- Internal helpers ---

/** Reads the records of an unspilled buffer in sorted order. */
class BufferReader implements SortedRecordReader {
  words: Uint32Array;
  offset = 0;
  readonly #order: Int32Array;
  readonly #count: number;
  readonly #wordsPerRecord: number;
  #position = -1;

  constructor(records: Uint32Array, order: Int32Array, count: number, wordsPerRecord: number) {
    this.words = records;
    this.#order = order;
    this.#count = count;
    this.#wordsPerRecord = wordsPerRecord;
  }

  next(): boolean {
    if (++this.#position >= this.#count) {
      this.close();
      return false;
    }
    this.offset = this.#order[this.#position]! * this.#wordsPerRecord;
    return true;
  }

  close(): void {
    this.#position = this.#count;
  }
}

/** One run being merged: a file read a buffer at a time. */
class RunCursor {
  readonly buffer: Uint32Array;
  /** Offset of the current record in `buffer`. */
  offset = 0;
  readonly #file: number;
  readonly #size: number;
  readonly #wordsPerRecord: number;
  #filePosition = 0;
  #loaded = 0;
  #index = -1;
  #closed = false;

  constructor(path: string, wordsPerRecord: number, bufferRecords: number) {
    this.#file = openSync(path, 'r');
    this.#size = fstatSync(this.#file).size;
    this.#wordsPerRecord = wordsPerRecord;
    this.buffer = new Uint32Array(bufferRecords * wordsPerRecord);
  }

  /** Moves to the next record; false (and the file closed) at the end of the run. */
  advance(): boolean {
    if (++this.#index < this.#loaded) {
      this.offset = this.#index * this.#wordsPerRecord;
      return true;
    }
    const bytes = Math.min(this.buffer.byteLength, this.#size - this.#filePosition);
    if (bytes <= 0) {
      this.close();
      return false;
    }
    readFully(this.#file, this.buffer, bytes, this.#filePosition);
    this.#filePosition += bytes;
    this.#loaded = bytes / (4 * this.#wordsPerRecord);
    this.#index = 0;
    this.offset = 0;
    return true;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    closeSync(this.#file);
  }
}

/** Merges runs through a binary heap of their cursors, ordered by their current records. */
class MergeReader implements SortedRecordReader {
  words: Uint32Array = new Uint32Array(0);
  offset = 0;
  readonly #heap: RunCursor[];
  readonly #cursors: RunCursor[];
  readonly #compare: RecordComparator;
  readonly #paths: ReadonlyArray<string>;
  #started = false;
  #closed = false;

  constructor(cursors: RunCursor[], compare: RecordComparator, paths: ReadonlyArray<string>) {
    this.#cursors = cursors;
    this.#compare = compare;
    this.#paths = paths;
    this.#heap = cursors.filter((cursor) => cursor.advance());
    for (let index = (this.#heap.length >> 1) - 1; index >= 0; index--) this.#siftDown(index);
  }

  next(): boolean {
    const heap = this.#heap;
    if (this.#started && heap.length > 0) {
      const top = heap[0]!;
      if (!top.advance()) {
        const last = heap.pop()!;
        if (heap.length > 0) heap[0] = last;
      }
      if (heap.length > 1) this.#siftDown(0);
    }
    this.#started = true;
    if (heap.length === 0) {
      this.close();
      return false;
    }
    const top = heap[0]!;
    this.words = top.buffer;
    this.offset = top.offset;
    return true;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#heap.length = 0;
    for (const cursor of this.#cursors) cursor.close();
    for (const path of this.#paths) rmSync(path, { force: true });
  }

  #siftDown(start: number): void {
    const heap = this.#heap;
    const compare = this.#compare;
    let index = start;
    for (;;) {
      const left = index * 2 + 1;
      if (left >= heap.length) return;
      const right = left + 1;
      let smallest = left;
      if (right < heap.length && compare(heap[right]!.buffer, heap[right]!.offset, heap[left]!.buffer, heap[left]!.offset) < 0) smallest = right;
      const child = heap[smallest]!;
      const current = heap[index]!;
      if (compare(child.buffer, child.offset, current.buffer, current.offset) >= 0) return;
      heap[smallest] = current;
      heap[index] = child;
      index = smallest;
    }
  }
}

/**
 * The order of the first `count` records of `records`, as record numbers: an iterative quicksort
 * (median of three, insertion sort for short ranges) of a permutation, so records are compared in
 * place and only moved once, when written out.
 */
function sortedOrder(records: Uint32Array, count: number, wordsPerRecord: number, compare: RecordComparator): Int32Array {
  const order = new Int32Array(count);
  for (let index = 0; index < count; index++) order[index] = index;
  const before = (left: number, right: number): number => compare(records, left * wordsPerRecord, records, right * wordsPerRecord);
  const swap = (left: number, right: number): void => {
    const held = order[left]!;
    order[left] = order[right]!;
    order[right] = held;
  };
  const stack: number[] = [0, count - 1];
  while (stack.length > 0) {
    let high = stack.pop()!;
    let low = stack.pop()!;
    while (high - low > 16) {
      const middle = (low + high) >>> 1;
      if (before(order[middle]!, order[low]!) < 0) swap(low, middle);
      if (before(order[high]!, order[low]!) < 0) swap(low, high);
      if (before(order[high]!, order[middle]!) < 0) swap(middle, high);
      const pivot = order[middle]!;
      let left = low;
      let right = high;
      while (left <= right) {
        while (before(order[left]!, pivot) < 0) left++;
        while (before(order[right]!, pivot) > 0) right--;
        if (left <= right) {
          swap(left, right);
          left++;
          right--;
        }
      }
      if (right - low < high - left) {
        stack.push(left, high);
        high = right;
      } else {
        stack.push(low, right);
        low = left;
      }
    }
    for (let index = low + 1; index <= high; index++) {
      const held = order[index]!;
      let target = index - 1;
      while (target >= low && before(order[target]!, held) > 0) {
        order[target + 1] = order[target]!;
        target--;
      }
      order[target + 1] = held;
    }
  }
  return order;
}
