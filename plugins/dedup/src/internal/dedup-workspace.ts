import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A folder for a dedup filter's working files, and how to give it back. */
export interface DedupWorkspace {
  /** Absolute path of the folder. */
  readonly path: string;
  /** Removes the folder if the filter made it (the engine removes the one it gave). */
  release(): void;
}

/**
 * The folder a dedup filter spills to: the stage's `context.directory` when the engine gives one
 * (always, in a run), else a new folder under the system's temporary folder, removed on release,
 * so the filters also work when called directly (scripts, benchmarks).
 */
export function openDedupWorkspace(directory: string | undefined, filterName: string): DedupWorkspace {
  if (typeof directory === 'string' && directory !== '') {
    mkdirSync(directory, { recursive: true });
    return { path: directory, release: () => {} };
  }
  const path = mkdtempSync(join(tmpdir(), `synthkit-${filterName.replace(/[^a-z0-9]+/gi, '-')}-`));
  return { path, release: () => rmSync(path, { recursive: true, force: true }) };
}
