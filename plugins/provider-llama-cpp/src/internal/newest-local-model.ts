import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A later part of a split GGUF (`model-00002-of-00003.gguf`): loaded through its first part, never by itself. */
const laterSplitPart = /-(\d{5})-of-\d{5}\.gguf$/i;

/**
 * The GGUF model most recently written to `directory` (the folder `hf:` downloads go to), as an
 * absolute path; undefined when it holds none or does not exist. Only complete `.gguf` files count:
 * a download under way has another suffix, and a split model counts by its first part. Reads the
 * folder listing and file times only (synchronous, no file is opened), so it suits the quick check
 * of an automatic-model offer.
 */
export function newestLocalModel(directory: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return undefined;
  }
  let newest: { readonly path: string; readonly modifiedMs: number } | undefined;
  for (const name of names.sort()) {
    if (!name.toLowerCase().endsWith('.gguf')) continue;
    const part = laterSplitPart.exec(name);
    if (part != null && Number(part[1]) !== 1) continue;
    const path = join(directory, name);
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats == null || !stats.isFile() || stats.size === 0) continue;
    // Ties keep the first name in sort order, so the choice does not depend on the listing order.
    if (newest == null || stats.mtimeMs > newest.modifiedMs) newest = { path, modifiedMs: stats.mtimeMs };
  }
  return newest?.path;
}
