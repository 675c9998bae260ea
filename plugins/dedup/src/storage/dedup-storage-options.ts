import type { ExternalSorter } from './external-sorter';

/**
 * Where and in how much memory a dedup filter keeps its working data. Recipes never set these; the
 * factories take them for tests, benchmarks and scripts. The memory of a stage is a few of these
 * buffers, whatever the number of records.
 */
export interface DedupStorageOptions {
  /** Folder for the working files, used when the context gives none. Default: a new temporary folder, removed at the end. */
  readonly directory?: string;
  /** Bytes of each sort buffer (records sorted in memory, then written to disk as a run). Default 4 MiB. */
  readonly sortBufferBytes?: number;
  /** Most sorted runs merged at once (each with a 64 KiB read buffer). Default 64. */
  readonly mergeFanIn?: number;
}

/** The {@link ExternalSorter} sizes `storage` sets (none: the sorter's defaults). */
export function sorterSizes(storage: DedupStorageOptions): { bufferBytes?: number; mergeFanIn?: number } {
  return {
    ...(storage.sortBufferBytes == null ? {} : { bufferBytes: storage.sortBufferBytes }),
    ...(storage.mergeFanIn == null ? {} : { mergeFanIn: storage.mergeFanIn }),
  };
}
