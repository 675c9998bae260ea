/** What a recipe's `source:` names, decided by how it is written (never by what is on disk). */
export type SourcePath =
  /** A JSONL file of records (optionally gzip-compressed). */
  | { readonly kind: 'jsonl'; readonly path: string }
  /**
   * Text files, one record `{ text, path }` each: a folder written with a trailing slash (`docs/`,
   * every file under it at any depth) or a glob (`docs/**\/*.md`). `pattern` is the glob either
   * way, as written (relative to the recipe's folder, `/` separators).
   */
  | { readonly kind: 'documents'; readonly pattern: string };

/**
 * Reads a `source:` value. A value that ends in `/` is a folder of documents; one with a glob
 * character (`*`, `?`, `[`, `{`) is a glob of documents; anything else is a JSONL file. So
 * `seeds.jsonl` and `data/seeds.jsonl.gz` stay JSONL files, and no spelling means both.
 */
export function parseSourcePath(written: string): SourcePath {
  if (written.endsWith('/')) return { kind: 'documents', pattern: `${written}**/*` };
  if (globCharacters.test(written)) return { kind: 'documents', pattern: written };
  return { kind: 'jsonl', path: written };
}

// --- Internal helpers ---

const globCharacters = /[*?[{]/;
