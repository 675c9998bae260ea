import { closeSync, openSync, rmSync } from 'node:fs';
import { readFully, writeFully } from './whole-file-io';

/**
 * Each record's best match so far (a similarity and a record index, −Infinity and −1 for none), 16
 * bytes a record in a file, read and written a block at a time: the state of a blockwise all-pairs
 * comparison, which does not fit in memory for every record at once.
 */
export class BestMatchFile {
  readonly #path: string;
  readonly #file: number;

  constructor(path: string, count: number) {
    this.#path = path;
    this.#file = openSync(path, 'w+');
    const chunkRecords = 1 << 14;
    const chunk = new Float64Array(chunkRecords * 2);
    for (let index = 0; index < chunk.length; index += 2) {
      chunk[index] = Number.NEGATIVE_INFINITY;
      chunk[index + 1] = -1;
    }
    for (let start = 0; start < count; start += chunkRecords) {
      const records = Math.min(chunkRecords, count - start);
      writeFully(this.#file, chunk, records * 16, start * 16);
    }
  }

  /** The matches of records `start` to `start + count − 1`. */
  read(start: number, count: number): { best: Float64Array; candidate: Float64Array } {
    const pairs = new Float64Array(count * 2);
    readFully(this.#file, pairs, pairs.byteLength, start * 16);
    const best = new Float64Array(count);
    const candidate = new Float64Array(count);
    for (let index = 0; index < count; index++) {
      best[index] = pairs[index * 2]!;
      candidate[index] = pairs[index * 2 + 1]!;
    }
    return { best, candidate };
  }

  /** Stores the matches of the records from `start` on. */
  write(start: number, best: Float64Array, candidate: Float64Array): void {
    const pairs = new Float64Array(best.length * 2);
    for (let index = 0; index < best.length; index++) {
      pairs[index * 2] = best[index]!;
      pairs[index * 2 + 1] = candidate[index]!;
    }
    writeFully(this.#file, pairs, pairs.byteLength, start * 16);
  }

  /** Closes and deletes the file. */
  close(): void {
    closeSync(this.#file);
    rmSync(this.#path, { force: true });
  }
}
