import { open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

/**
 * What a run has durably written, saved atomically while it runs (`.synthkit/checkpoint.json` in
 * the output folder). After a crash, `--resume` cuts each file back to its `offset` (removing any
 * torn line), keeps the lines of finished roots written at or above `unfinishedFrom`, and skips the
 * roots listed in `roots.log` up to `roots.offset`.
 */
export const runCheckpointSchema = z.object({
  version: z.literal(1),
  /** The configuration hash of the run; a resume with another recipe is refused. */
  configHash: z.string(),
  /** Sessions that wrote to this folder (1 for a run never resumed). */
  sessions: z.number().int().min(1),
  updatedAt: z.string(),
  data: z.object({ offset: z.number().int().min(0), unfinishedFrom: z.number().int().min(0) }),
  rejects: z.object({ offset: z.number().int().min(0), unfinishedFrom: z.number().int().min(0) }),
  roots: z.object({ offset: z.number().int().min(0), count: z.number().int().min(0) }),
});

export type RunCheckpoint = z.infer<typeof runCheckpointSchema>;

/** Reads a checkpoint; undefined when there is none. @throws Error for a file that is not a valid checkpoint. */
export async function readRunCheckpoint(path: string): Promise<RunCheckpoint | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = runCheckpointSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${path} is not a synthkit checkpoint: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  return parsed.data;
}

/** Writes a file so that readers (and a crash) see the old content or the new, never half of it. */
export async function writeFileDurably(path: string, content: string): Promise<void> {
  const temporaryPath = `${path}.${process.pid}.tmp`;
  const handle = await open(temporaryPath, 'w');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporaryPath, path);
  const directory = await open(dirname(path), 'r').catch(() => undefined);
  await directory?.sync().catch(() => {});
  await directory?.close();
}
