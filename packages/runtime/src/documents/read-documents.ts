import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { decodeDocument } from './decode-document';
import { DocumentSourceError } from './document-source-error';
import { listDocumentFiles } from './list-document-files';

/** A record of a source of documents: one file's text, and where it came from. */
export interface DocumentRecord {
  [field: string]: string;
  /** The file's content, decoded as UTF-8 (a leading byte order mark removed). */
  text: string;
  /** The file's path relative to the recipe's folder, with `/` separators (`docs/guide/intro.md`). */
  path: string;
}

/** Options of {@link readDocuments}. */
export interface ReadDocumentsOptions {
  /** Stops reading: iteration throws `signal.reason` at the next document. */
  readonly signal?: AbortSignal;
}

/**
 * Streams the files a source of documents names, one `{ text, path }` record per file, sorted by
 * path (see `listDocumentFiles`). Files are read one at a time, as the records are consumed, so
 * memory holds one document at once however many there are.
 *
 * @param source the `source:` value as written, for messages.
 * @param pattern its glob (see `parseSourcePath`), relative to `directory`.
 * @param directory the recipe's folder.
 * @throws DocumentSourceError for a missing folder, a pattern nothing matches, a file that cannot
 *   be read, and a file that is not UTF-8 text (see `decodeDocument`).
 */
export async function* readDocuments(
  source: string,
  pattern: string,
  directory: string,
  options: ReadDocumentsOptions = {},
): AsyncGenerator<DocumentRecord, void, undefined> {
  options.signal?.throwIfAborted();
  for (const path of listDocumentFiles(source, pattern, directory)) {
    options.signal?.throwIfAborted();
    let bytes: Uint8Array;
    try {
      bytes = await readFile(resolve(directory, path));
    } catch (error) {
      throw new DocumentSourceError({
        source,
        file: path,
        message: `source "${source}": cannot read ${path}: ${(error as Error).message}. Check that the file still exists and is readable.`,
        cause: error,
      });
    }
    yield { text: decodeDocument(bytes, { source, file: path }), path };
  }
}
