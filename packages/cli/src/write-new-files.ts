import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { usageError } from './usage-error';

/**
 * Writes `files` (name → content) into `folder`, creating it, for the `init` commands. Nothing is
 * written when one of the files already exists: a usage error names it, followed by `refusal`
 * (what the command makes and what to do instead), so a project is never half-overwritten.
 */
export async function writeNewFiles(folder: string, files: Readonly<Record<string, string>>, refusal: string): Promise<void> {
  for (const file of Object.keys(files)) {
    if (existsSync(join(folder, file))) throw usageError(`${join(folder, file)} already exists: ${refusal}`);
  }
  await mkdir(folder, { recursive: true });
  for (const [file, content] of Object.entries(files)) await writeFile(join(folder, file), content, { flag: 'wx' });
}
