import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openBatchJobFile } from './batch-job-file';

let folder: string | undefined;
afterEach(async () => {
  if (folder != null) await rm(folder, { recursive: true, force: true });
});

const job = { endpoint: 'openai\u0000http://x/v1\u0000m', label: 'openai:m at http://x/v1', id: 'batch_1', customIds: ['a', 'b'], submittedAt: '2026-01-01T00:00:00.000Z' };

describe('openBatchJobFile', () => {
  it('writes every job as soon as it is added or ends, and a resumed run reads them back', async () => {
    folder = await mkdtemp(join(tmpdir(), 'synthkit-batch-jobs-'));
    const path = join(folder, 'batch-jobs.json');
    const store = await openBatchJobFile(path, { resume: false });
    await store.add(job);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ version: 1, jobs: [{ ...job, state: 'submitted' }] });
    await store.add({ ...job, id: 'batch_2' });
    await store.ended('batch_1');

    const resumed = await openBatchJobFile(path, { resume: true });

    expect(resumed.jobs().map((entry) => [entry.id, entry.state])).toEqual([
      ['batch_1', 'ended'],
      ['batch_2', 'submitted'],
    ]);
  });

  it('starts empty for a new run, even over an old file, and when resuming a folder without one', async () => {
    folder = await mkdtemp(join(tmpdir(), 'synthkit-batch-jobs-'));
    const path = join(folder, 'batch-jobs.json');
    expect((await openBatchJobFile(path, { resume: true })).jobs()).toEqual([]);
    await (await openBatchJobFile(path, { resume: false })).add(job);
    expect((await openBatchJobFile(path, { resume: false })).jobs()).toEqual([]);
    expect(JSON.parse(await readFile(path, 'utf8')).jobs).toEqual([]);
  });

  it('refuses a file that is not a job list, saying how to start again', async () => {
    folder = await mkdtemp(join(tmpdir(), 'synthkit-batch-jobs-'));
    const path = join(folder, 'batch-jobs.json');
    await writeFile(path, JSON.stringify({ version: 1, jobs: [{ id: 3 }] }));

    await expect(openBatchJobFile(path, { resume: true })).rejects.toThrow(/batch-jobs\.json is not a synthkit batch job list: .*Pass --overwrite to start again\./);
  });
});
