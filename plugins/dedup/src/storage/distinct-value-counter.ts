import { ExternalSorter } from './external-sorter';

/**
 * Counts the distinct values among any number of unsigned 32-bit values (record numbers) in fixed
 * memory, by sorting them externally: how dedup filters count duplicate groups.
 */
export class DistinctValueCounter {
  readonly #sorter: ExternalSorter;

  constructor(directory: string, name: string, bufferBytes?: number) {
    this.#sorter = new ExternalSorter({
      directory,
      name,
      wordsPerRecord: 1,
      compare: (left, leftOffset, right, rightOffset) => left[leftOffset]! - right[rightOffset]!,
      ...(bufferBytes == null ? {} : { bufferBytes }),
    });
  }

  /** Adds one value (a whole number from 0 to 2^32 − 1). */
  add(value: number): void {
    const offset = this.#sorter.reserve();
    this.#sorter.records[offset] = value;
  }

  /** The number of distinct values added; the counter cannot be used afterwards. */
  async count(): Promise<number> {
    const reader = await this.#sorter.finish();
    let distinct = 0;
    let previous = -1;
    while (reader.next()) {
      const value = reader.words[reader.offset]!;
      if (value !== previous) distinct++;
      previous = value;
    }
    return distinct;
  }

  /** Deletes its files (for a count abandoned before {@link count}). */
  close(): void {
    this.#sorter.close();
  }
}
