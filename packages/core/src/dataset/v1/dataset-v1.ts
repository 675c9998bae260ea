import type { z } from 'zod';
import type { JsonRecord } from '../../record/json-record';

/** Streams records from somewhere (a file, a table, a hub). Records arrive as they are read. */
export interface DatasetReaderV1 {
  readonly specificationVersion: 'v1';
  read(options: { readonly signal?: AbortSignal }): AsyncIterable<JsonRecord>;
}

/**
 * Writes records with an atomic commit: until `commit()` resolves, readers of the destination see
 * the previous content (or nothing), never a half-written file.
 */
export interface DatasetWriterV1 {
  readonly specificationVersion: 'v1';
  write(record: JsonRecord): PromiseLike<void>;
  /** Makes everything written visible at the destination, atomically. */
  commit(): PromiseLike<void>;
  /** Discards everything written since the writer was created. */
  abort(): PromiseLike<void>;
}

/** How a plugin contributes a dataset format: options and factories for reading and/or writing. */
export interface DatasetDefinitionV1<Options = unknown> {
  readonly specificationVersion: 'v1';
  readonly description: string;
  readonly options: z.ZodType<Options>;
  createReader?(options: Options): DatasetReaderV1;
  createWriter?(options: Options): DatasetWriterV1;
}
