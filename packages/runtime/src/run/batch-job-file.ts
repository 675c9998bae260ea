import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { createMemoryBatchJobStore, type BatchJobStore } from '../gateway/batch-job-store';
import { writeFileDurably } from './run-checkpoint';

const batchJobFileSchema = z.object({
  version: z.literal(1),
  jobs: z.array(
    z.object({
      endpoint: z.string(),
      label: z.string(),
      id: z.string(),
      customIds: z.array(z.string()),
      submittedAt: z.string(),
      state: z.enum(['submitted', 'ended']),
    }),
  ),
});

/**
 * The batch jobs of a run, kept in `path` (`.synthkit/batch-jobs.json`): read back when the run is
 * resumed, rewritten atomically (temporary file, fsync, rename) whenever a job is submitted or
 * ends, so a run killed at any moment finds every job it had submitted.
 *
 * @throws Error when the file exists but is not a batch job list.
 */
export async function openBatchJobFile(path: string, { resume }: { readonly resume: boolean }): Promise<BatchJobStore> {
  const initial = resume ? await readJobs(path) : [];
  const memory = createMemoryBatchJobStore(initial);
  // Writes one after the other, each of the whole list: the file is never older than a finished write.
  let writing: Promise<void> = resume ? Promise.resolve() : writeFileDurably(path, serialize(memory));
  const save = () => {
    writing = writing.catch(() => {}).then(() => writeFileDurably(path, serialize(memory)));
    return writing;
  };
  await writing;
  return {
    jobs: memory.jobs,
    add: async (job) => {
      await memory.add(job);
      await save();
    },
    ended: async (id) => {
      await memory.ended(id);
      await save();
    },
  };
}

// --- Internal helpers ---

function serialize(store: BatchJobStore): string {
  return `${JSON.stringify({ version: 1, jobs: store.jobs() })}\n`;
}

async function readJobs(path: string) {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const parsed = batchJobFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`${path} is not a synthkit batch job list: ${parsed.error.issues.map((issue) => issue.message).join('; ')}. Pass --overwrite to start again.`);
  }
  return parsed.data.jobs;
}
