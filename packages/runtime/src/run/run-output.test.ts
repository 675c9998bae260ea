import { spawn } from 'node:child_process';
import { appendFile, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from '@synthkit/core';
import { createTemporaryProject, type TemporaryProject } from '@synthkit/test-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PipelineRecord } from '../engine/pipeline-record';
import { failureOf } from '../test-support/failure-of';
import { openRunOutput, runOutputFiles } from './run-output';

let project: TemporaryProject;
let out: string;
beforeEach(async () => {
  project = await createTemporaryProject();
  out = join(project.directory, 'out');
});
afterEach(async () => {
  await project.remove();
});

const record = (id: string, root: string): PipelineRecord =>
  ({ _id: id, _meta: { stage: 'ask', lineage: [{ stage: 'source', id: root }] } }) as unknown as PipelineRecord;
const rootRecord = (id: string): PipelineRecord => ({ _id: id, _meta: { stage: 'source', lineage: [] } }) as unknown as PipelineRecord;
const line = (value: PipelineRecord) => JSON.stringify(value);
const dataLines = async () => (await readFile(join(out, 'data.jsonl'), 'utf8')).split('\n').filter((text) => text !== '');

/**
 * A run killed after a checkpoint: root a is finished (its record a1 written), root b is not (b1
 * written, b2 never made). Lines: b1, then a1.
 */
async function writeHalfDoneRun(): Promise<void> {
  const first = await openRunOutput({ out, configHash: 'h', mode: 'new' });
  const [a, b] = [rootRecord('a'), rootRecord('b')];
  const [b1, a1, b2] = [record('b1', 'b'), record('a1', 'a'), record('b2', 'b')];
  for (const value of [a, b, b1, a1, b2]) first.ledger.created(value);
  first.ledger.settled(a);
  first.ledger.settled(b);
  for (const output of [b1, a1]) await first.writeRecord(output, line(output));
  first.ledger.settled(b1);
  first.ledger.settled(a1);
  await first.checkpoint();
}

describe('openRunOutput', () => {
  it('on resume keeps exactly the lines of finished roots, and removes a torn last line', async () => {
    const first = await openRunOutput({ out, configHash: 'h', mode: 'new' });
    const [a, b] = [rootRecord('a'), rootRecord('b')];
    for (const root of [a, b]) first.ledger.created(root);
    // a: two records, both written, then a is done; b: one record written, one still in flight.
    const [a1, a2, b1, b2] = [record('a1', 'a'), record('a2', 'a'), record('b1', 'b'), record('b2', 'b')];
    for (const output of [a1, b1, a2, b2]) first.ledger.created(output);
    first.ledger.settled(a);
    first.ledger.settled(b);
    for (const output of [b1, a1, a2]) {
      await first.writeRecord(output, line(output));
      first.ledger.settled(output);
    }
    await first.checkpoint();
    // The process dies here, halfway through a line (no close, no final checkpoint).
    await appendFile(join(out, 'data.jsonl'), '{"_id":"b2","_meta":{"sta');

    const resumed = await openRunOutput({ out, configHash: 'h', mode: 'resume' });
    expect(resumed.kept).toEqual({ records: 2, rejects: 0, roots: 1, sessions: 1 });
    expect(resumed.ledger.isFinishedBefore('a')).toBe(true);
    expect(resumed.ledger.isFinishedBefore('b')).toBe(false);
    expect((await dataLines()).map((text) => JSON.parse(text)._id)).toEqual(['a1', 'a2']);
    await resumed.close();
  });

  it('records the cut-back files in the checkpoint at once, so a resume killed right after it resumes again', async () => {
    await writeHalfDoneRun();
    // Killed. The next session cuts the file back (b1 goes), then is killed before writing anything.
    const second = await openRunOutput({ out, configHash: 'h', mode: 'resume' });
    expect((await dataLines()).map((text) => JSON.parse(text)._id)).toEqual(['a1']);
    await second.checkpoint();

    const third = await openRunOutput({ out, configHash: 'h', mode: 'resume' });
    expect(third.kept).toMatchObject({ records: 1, roots: 1 });
    expect((await dataLines()).map((text) => JSON.parse(text)._id)).toEqual(['a1']);
    await third.close();
  });

  it('finishes a cut-back that was interrupted halfway, from the kept lines it saved', async () => {
    await writeHalfDoneRun();
    const checkpoint = JSON.parse(await readFile(join(out, runOutputFiles.checkpoint), 'utf8'));
    // As if a resume had saved the kept lines, cut the file and died before appending them.
    const { truncate, writeFile } = await import('node:fs/promises');
    await writeFile(join(out, runOutputFiles.dataResuming), JSON.stringify({ from: checkpoint.data.unfinishedFrom, lines: [line(record('a1', 'a'))] }));
    await truncate(join(out, 'data.jsonl'), checkpoint.data.unfinishedFrom);

    const resumed = await openRunOutput({ out, configHash: 'h', mode: 'resume' });
    expect((await dataLines()).map((text) => JSON.parse(text)._id)).toEqual(['a1']);
    await resumed.close();
    await expect(readFile(join(out, runOutputFiles.dataResuming), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('refuses a folder that holds a run unless resuming or overwriting, and a resume of another recipe', async () => {
    const first = await openRunOutput({ out, configHash: 'h', mode: 'new' });
    await first.close();

    const refused = await failureOf(openRunOutput({ out, configHash: 'h', mode: 'new' }));
    expect(InvalidArgumentError.isInstance(refused)).toBe(true);
    expect((refused as Error).message).toContain('already holds a run. Pass --resume to continue it, --overwrite to replace it');

    const otherRecipe = await failureOf(openRunOutput({ out, configHash: 'other', mode: 'resume' }));
    expect((otherRecipe as Error).message).toContain('The recipe changed since the run in');

    const replaced = await openRunOutput({ out, configHash: 'other', mode: 'overwrite' });
    expect(replaced.kept.sessions).toBe(0);
    await replaced.close();
  });

  it('refuses a folder another live run holds, and takes over the lock of a dead one', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      await project.write(join('out', runOutputFiles.lock), { pid: other.pid, host: hostname() });
      const refused = await failureOf(openRunOutput({ out, configHash: 'h', mode: 'new' }));
      expect((refused as Error).message).toBe(`Another synthkit run (process ${other.pid}) is writing to ${out}. Wait for it to finish or stop it, then run again.`);
    } finally {
      other.kill();
    }
    await new Promise((resolve) => other.once('exit', resolve));

    const taken = await openRunOutput({ out, configHash: 'h', mode: 'new' });
    expect(JSON.parse(await readFile(join(out, runOutputFiles.lock), 'utf8'))).toEqual({ pid: process.pid, host: hostname() });
    await taken.close();
    await expect(readFile(join(out, runOutputFiles.lock), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('writes a reject whatever it holds: a BigInt becomes text', async () => {
    const output = await openRunOutput({ out, configHash: 'h', mode: 'new' });
    await output.writeReject({
      stage: 'ask',
      kind: 'failed',
      reason: 'a bug',
      record: { ...rootRecord('a'), size: 12n } as never,
    });
    await output.close();
    const [entry] = (await readFile(join(out, 'rejects.jsonl'), 'utf8')).trim().split('\n').map((text) => JSON.parse(text));
    expect(entry.record.size).toBe('12');
  });
});
