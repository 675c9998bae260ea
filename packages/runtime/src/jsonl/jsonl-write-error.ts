import { SynthkitError } from '@synthkit/core';

const name = 'SYNTHKIT_JsonlWriteError';
const marker = `synthkit.error.${name}`;
const symbol = Symbol.for(marker);

/**
 * Writing a JSONL file failed: a record JSON cannot represent (a BigInt, a cycle), the writer used
 * after `commit()` or `abort()`, or a file-system error (the underlying error is the `cause`).
 */
export class JsonlWriteError extends SynthkitError {
  private readonly [symbol] = true;

  /** The destination file, as the path was given to the writer. */
  readonly file: string;
  /**
   * For a record that could not be serialized: its position among the records passed to `write()`,
   * counted from 0. Undefined for other failures.
   */
  readonly recordIndex: number | undefined;

  constructor({
    file,
    message,
    recordIndex,
    cause,
  }: {
    file: string;
    message: string;
    recordIndex?: number;
    cause?: unknown;
  }) {
    super({ name, message, cause });
    this.file = file;
    this.recordIndex = recordIndex;
  }

  static override isInstance(error: unknown): error is JsonlWriteError {
    return SynthkitError.hasMarker(error, marker);
  }
}
