import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import { DocumentSourceError } from './document-source-error';

/**
 * The files a source of documents reads, as paths relative to `directory` (the recipe's folder)
 * with `/` separators, sorted by code unit so every run (and every machine) reads them in the same
 * order. Hidden files and folders (names starting with `.`) are skipped; symbolic links are followed.
 *
 * Listing only reads folders, never the files: a source of many documents is listed quickly and
 * read one file at a time (see `readDocuments`).
 *
 * @param source the `source:` value as written, for messages.
 * @param pattern its glob (see `parseSourcePath`).
 * @throws DocumentSourceError when the folder the pattern starts from does not exist (or is a
 *   file), or when no file matches.
 */
export function listDocumentFiles(source: string, pattern: string, directory: string): string[] {
  const base = resolve(directory, staticBase(pattern));
  const kind = entryKind(base);
  if (kind !== 'folder') {
    const fix =
      kind === 'file'
        ? `it is a file: to read a JSONL file of records, write its path without a trailing slash or glob characters (source: ${staticBase(pattern)}).`
        : 'paths are relative to the recipe file: fix the path, or create the folder and put the documents in it.';
    throw new DocumentSourceError({ source, message: `source "${source}": no folder at ${base}; ${fix}` });
  }
  const files = globSync([pattern], { cwd: directory, onlyFiles: true, dot: false, expandDirectories: false, followSymbolicLinks: true });
  if (files.length === 0) {
    throw new DocumentSourceError({
      source,
      message:
        `source "${source}": no file in ${base} matches ${pattern}, so a run would produce nothing. ` +
        'Check the pattern (`*` matches within one folder, `**/` any depth of folders; names starting with "." are skipped), or add documents.',
    });
  }
  return files.map((file) => file.replaceAll('\\', '/')).sort(byCodeUnit);
}

// --- Internal helpers ---

/** The folders of a pattern before its first segment with a glob character: `docs/**\/*.md` → `docs`. */
function staticBase(pattern: string): string {
  const segments = pattern.split('/');
  const firstDynamic = segments.findIndex((segment) => /[*?[{]/.test(segment));
  const kept = segments.slice(0, firstDynamic === -1 ? segments.length : firstDynamic);
  const base = kept.join('/');
  return base === '' ? (pattern.startsWith('/') ? '/' : '.') : base;
}

function entryKind(path: string): 'folder' | 'file' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}

function byCodeUnit(first: string, second: string): number {
  return first < second ? -1 : first > second ? 1 : 0;
}
