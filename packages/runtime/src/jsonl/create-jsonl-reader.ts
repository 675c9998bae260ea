import type { DatasetReaderV1, JsonRecord } from '@synthkit/core';
import { readJsonl } from './read-jsonl';

/** Options of {@link createJsonlReader}. */
export interface JsonlReaderOptions {
  /** The JSONL file (plain or gzip); relative paths resolve from the current directory. */
  readonly path: string;
}

/** A `DatasetReaderV1` over one JSONL file. */
export interface JsonlReader extends DatasetReaderV1 {
  /** The file, as given. */
  readonly path: string;
}

/**
 * Wraps {@link readJsonl} as a `DatasetReaderV1`, for recipes and plugins that take any dataset.
 * Each `read()` call opens the file again and streams it from the start, so a reader can be read
 * more than once. Errors are those of `readJsonl`, raised during iteration.
 */
export function createJsonlReader(options: JsonlReaderOptions): JsonlReader {
  const { path } = options;
  return {
    specificationVersion: 'v1',
    path,
    read({ signal }: { readonly signal?: AbortSignal } = {}): AsyncIterable<JsonRecord> {
      return readJsonl(path, signal == null ? {} : { signal });
    },
  };
}
