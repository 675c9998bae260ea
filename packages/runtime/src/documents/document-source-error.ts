import { SynthkitError } from '@synthkit/core';

const name = 'SYNTHKIT_DocumentSourceError';
const marker = `synthkit.error.${name}`;
const symbol = Symbol.for(marker);

/**
 * A source of documents (`source: docs/` or `source: "docs/**\/*.md"`) cannot be read: its folder
 * is missing, nothing matches, or a matched file is not UTF-8 text. The message says what is wrong,
 * where, and how to fix it.
 */
export class DocumentSourceError extends SynthkitError {
  private readonly [symbol] = true;

  /** The source as the recipe wrote it. */
  readonly source: string;
  /** The file at fault, relative to the recipe's folder; absent when the whole source is. */
  readonly file: string | undefined;

  constructor({ source, file, message, cause }: { source: string; file?: string; message: string; cause?: unknown }) {
    super({ name, message, cause });
    this.source = source;
    this.file = file;
  }

  static override isInstance(error: unknown): error is DocumentSourceError {
    return SynthkitError.hasMarker(error, marker);
  }
}
