import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { InvalidArgumentError } from '@synthkit/core';
import type { PipelineRecord, RejectEntry } from '../engine/pipeline-record';
import { createAppendOnlyJsonlWriter } from '../jsonl';
import { RootLedger, rootIdOf } from './root-ledger';
import { lockOutputFolder, type OutputFolderLock } from './output-folder-lock';
import { readRunCheckpoint, writeFileDurably, type RunCheckpoint } from './run-checkpoint';

/** Names of the files a run writes into its output folder. */
export const runOutputFiles = {
  data: 'data.jsonl',
  rejects: 'rejects.jsonl',
  report: 'run.json',
  checkpoint: '.synthkit/checkpoint.json',
  roots: '.synthkit/roots.log',
  lock: '.synthkit/lock',
  /** Lines a resume keeps while it cuts `data.jsonl` back, so a crash in the middle loses none. */
  dataResuming: '.synthkit/data.resuming.json',
  rejectsResuming: '.synthkit/rejects.resuming.json',
  /** The batch jobs the run submitted (`batch: true` models), collected again by `--resume`. */
  batchJobs: '.synthkit/batch-jobs.json',
  /** Aggregate filter stages' observed records, one folder per stage, so a resume gives them the same set. */
  stages: '.synthkit/stages',
} as const;

/** How a run treats its output folder. */
export type OutputMode =
  /** The folder must hold no run. */
  | 'new'
  /** Any previous run in the folder is deleted first. */
  | 'overwrite'
  /** Continue the run in the folder from its checkpoint (a folder with no run starts a new one). */
  | 'resume';

/**
 * The output folder of a run: the dataset and the rejects, written by appending, with checkpoints
 * that make the run resumable after any crash with every record exactly once.
 */
export interface RunOutput {
  /** Which roots are done; the pipeline reports records to it. */
  readonly ledger: RootLedger;
  /** Lines the folder already held from earlier sessions (after cutting back to the checkpoint). */
  readonly kept: { readonly records: number; readonly rejects: number; readonly roots: number; readonly sessions: number };
  /** Appends a record's line (already serialized) to the dataset. */
  writeRecord(record: PipelineRecord, line: string): Promise<void>;
  /** Appends a reject entry; values JSON cannot hold (BigInt) are written as text, never lost. */
  writeReject(entry: RejectEntry): Promise<void>;
  /** Makes everything written so far durable and records it in the checkpoint. */
  checkpoint(): Promise<void>;
  /** A last checkpoint, then closes the files. */
  close(): Promise<void>;
}

/**
 * Opens the output folder for a run. Checks happen before anything is sent: a folder holding a
 * previous run is refused in `new` mode, a resume with a different recipe is refused, and the
 * folder must be writable. On resume the files are cut back to the checkpoint and the lines of
 * roots that had not finished are removed, so those roots can be done again (from the cache).
 *
 * @throws InvalidArgumentError (exit code 2) for all of the above.
 */
export async function openRunOutput({
  out,
  configHash,
  mode,
  onRootFinished,
}: {
  out: string;
  configHash: string;
  mode: OutputMode;
  /** Called each time a root finishes in this session. */
  onRootFinished?: () => void;
}): Promise<RunOutput> {
  const path = (file: keyof typeof runOutputFiles) => join(out, runOutputFiles[file]);
  await createFolder(out);
  // Locked before anything is checked or deleted: another run may be using the folder.
  const lock = await lockOutputFolder(path('lock'), out);
  try {
    await prepareFolder(out, mode);
    return await openLockedRunOutput(out, configHash, mode, path, lock, onRootFinished);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function openLockedRunOutput(
  out: string,
  configHash: string,
  mode: OutputMode,
  path: (file: keyof typeof runOutputFiles) => string,
  lock: OutputFolderLock,
  onRootFinished: (() => void) | undefined,
): Promise<RunOutput> {
  const checkpoint = mode === 'resume' ? await readRunCheckpoint(path('checkpoint')) : undefined;
  if (mode === 'resume' && checkpoint == null && (await holdsRun(out))) {
    throw new InvalidArgumentError({
      argument: 'resume',
      message: `${out} holds a run without a checkpoint (it was made by an older synthkit, or the checkpoint was deleted), so it cannot be resumed. Pass --overwrite to start again.`,
    });
  }
  if (checkpoint != null && checkpoint.configHash !== configHash) {
    throw new InvalidArgumentError({
      argument: 'resume',
      message:
        `The recipe changed since the run in ${out} began (configuration ${checkpoint.configHash.slice(0, 12)}, now ${configHash.slice(0, 12)}): ` +
        'resuming would mix the records of two recipes. Pass --overwrite to start again, or --out for a new folder. ' +
        '(Request windows, budgets, timeouts and retries can change without this.)',
    });
  }
  let finishedRoots = new Set<string>();
  let kept = { records: 0, rejects: 0, roots: 0, sessions: 0 };
  if (checkpoint != null) {
    finishedRoots = await readRoots(path('roots'), checkpoint.roots.offset);
    const records = await cutBack(path('data'), checkpoint.data, finishedRoots, (record) => rootIdOf(record as never), path('dataResuming'));
    const rejects = await cutBack(
      path('rejects'),
      checkpoint.rejects,
      finishedRoots,
      (entry) => rootIdOf((entry as { record: never }).record),
      path('rejectsResuming'),
    );
    // The files changed shape: say so before anything else happens, so that a crash from here on
    // resumes from what they are now. Only then may the kept lines' safety copies go.
    await writeFileDurably(
      path('checkpoint'),
      `${JSON.stringify(
        {
          ...checkpoint,
          updatedAt: new Date().toISOString(),
          data: { offset: records.bytes, unfinishedFrom: records.bytes },
          rejects: { offset: rejects.bytes, unfinishedFrom: rejects.bytes },
        } satisfies RunCheckpoint,
        null,
        2,
      )}\n`,
    );
    await Promise.all([rm(path('dataResuming'), { force: true }), rm(path('rejectsResuming'), { force: true })]);
    kept = { records: records.lines, rejects: rejects.lines, roots: finishedRoots.size, sessions: checkpoint.sessions };
  }
  if (checkpoint == null) {
    // A first checkpoint before any file is created: a folder with run files always has one, so
    // a run killed at any moment can be resumed.
    await writeFileDurably(path('checkpoint'), `${JSON.stringify(emptyCheckpoint(configHash), null, 2)}\n`);
  }
  const [data, rejects, roots] = await Promise.all([
    createAppendOnlyJsonlWriter(path('data')),
    createAppendOnlyJsonlWriter(path('rejects')),
    createAppendOnlyJsonlWriter(path('roots')),
  ]);
  const ledger = new RootLedger(finishedRoots, onRootFinished);
  const sessions = (checkpoint?.sessions ?? 0) + 1;
  let rootCount = finishedRoots.size;
  let running: Promise<void> | undefined;

  const writeCheckpoint = async () => {
    // Taken together, with no await in between: below `unfinishedFrom` only finished roots' lines.
    const finished = ledger.takeFinished();
    const dataFrom = ledger.unfinishedFrom('data', data.endOffset);
    const rejectsFrom = ledger.unfinishedFrom('rejects', rejects.endOffset);
    const [dataOffset, rejectsOffset] = await Promise.all([data.flush(), rejects.flush()]);
    for (const root of finished) await roots.writeLine(JSON.stringify(root));
    const rootsOffset = await roots.flush();
    rootCount += finished.length;
    const next: RunCheckpoint = {
      version: 1,
      configHash,
      sessions,
      updatedAt: new Date().toISOString(),
      data: { offset: dataOffset, unfinishedFrom: dataFrom },
      rejects: { offset: rejectsOffset, unfinishedFrom: rejectsFrom },
      roots: { offset: rootsOffset, count: rootCount },
    };
    await writeFileDurably(path('checkpoint'), `${JSON.stringify(next, null, 2)}\n`);
  };

  return {
    ledger,
    kept,
    async writeRecord(record, line) {
      ledger.wrote(rootIdOf(record), 'data', data.endOffset);
      await data.writeLine(line);
    },
    async writeReject(entry) {
      ledger.wrote(rootIdOf(entry.record as never), 'rejects', rejects.endOffset);
      await rejects.writeLine(serializeReject(entry));
    },
    checkpoint() {
      // One at a time; a checkpoint asked for while one runs waits for it, then runs.
      const next = (running ?? Promise.resolve()).then(writeCheckpoint);
      running = next.catch(() => {});
      return next;
    },
    async close() {
      try {
        await (running ?? Promise.resolve());
        await writeCheckpoint();
      } finally {
        await Promise.allSettled([data.close(), rejects.close(), roots.close()]);
        await lock.release();
      }
    },
  };
}

// --- Internal helpers ---

function emptyCheckpoint(configHash: string): RunCheckpoint {
  return {
    version: 1,
    configHash,
    sessions: 1,
    updatedAt: new Date().toISOString(),
    data: { offset: 0, unfinishedFrom: 0 },
    rejects: { offset: 0, unfinishedFrom: 0 },
    roots: { offset: 0, count: 0 },
  };
}

/** Creates the output folder and its `.synthkit` folder. */
async function createFolder(out: string): Promise<void> {
  try {
    await mkdir(join(out, '.synthkit'), { recursive: true });
  } catch (error) {
    throw new InvalidArgumentError({
      argument: 'out',
      message: `Cannot use ${out} as the output folder: ${(error as Error).message}. Pass a folder path (it is created when missing).`,
      cause: error,
    });
  }
}

/** Refuses a folder holding a run in `new` mode, empties it in `overwrite` mode, and checks it is writable. */
async function prepareFolder(out: string, mode: OutputMode): Promise<void> {
  if (mode === 'new' && (await holdsRun(out))) {
    throw new InvalidArgumentError({
      argument: 'out',
      message: `${out} already holds a run. Pass --resume to continue it, --overwrite to replace it, or choose another --out folder.`,
    });
  }
  if (mode === 'overwrite') {
    // Everything but the lock, which may be another run's: taking it decides.
    for (const [name, file] of Object.entries(runOutputFiles)) if (name !== 'lock') await rm(join(out, file), { force: true, recursive: true });
  }
  const probe = join(out, `.synthkit-write-test-${process.pid}`);
  try {
    const handle = await open(probe, 'w');
    await handle.close();
    await rm(probe, { force: true });
  } catch (error) {
    throw new InvalidArgumentError({
      argument: 'out',
      message: `Cannot write to the output folder ${out}: ${(error as Error).message}. Choose a folder you can write to.`,
      cause: error,
    });
  }
}

async function holdsRun(out: string): Promise<boolean> {
  for (const file of [runOutputFiles.data, runOutputFiles.rejects, runOutputFiles.report, runOutputFiles.checkpoint]) {
    const handle = await open(join(out, file), 'r').catch(() => undefined);
    if (handle != null) {
      await handle.close();
      return true;
    }
  }
  return false;
}

/** The root ids in the roots log, up to `offset` (the log is cut back to it). */
async function readRoots(path: string, offset: number): Promise<Set<string>> {
  const roots = new Set<string>();
  await truncate(path, offset).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  if (offset === 0) return roots;
  for await (const line of createInterface({ input: createReadStream(path, { end: offset - 1 }), crlfDelay: Number.POSITIVE_INFINITY })) {
    if (line !== '') roots.add(JSON.parse(line) as string);
  }
  return roots;
}

/**
 * Cuts a file back to its checkpoint: to `offset` (a torn last line goes), and of the lines at or
 * above `unfinishedFrom`, keeps only those of finished roots. The kept lines are first saved to
 * `resumingPath`; if that file exists when this starts, an earlier resume was interrupted halfway,
 * and it is finished from the saved lines instead. Never makes a file longer. Returns the file's
 * length and line count afterwards.
 */
async function cutBack(
  path: string,
  { offset, unfinishedFrom }: { offset: number; unfinishedFrom: number },
  finished: ReadonlySet<string>,
  rootOf: (value: unknown) => string,
  resumingPath: string,
): Promise<{ bytes: number; lines: number }> {
  const interrupted = await readResuming(resumingPath);
  if (interrupted != null) {
    await replaceTail(path, interrupted.from, interrupted.lines);
    return { bytes: await sizeOf(path), lines: await countLines(path) };
  }
  const size = await sizeOf(path);
  if (size < offset) {
    throw new InvalidArgumentError({
      argument: 'resume',
      message: `${path} is shorter (${size} bytes) than its checkpoint says it was (${offset} bytes): it was changed outside synthkit, so the run cannot be resumed. Pass --overwrite to start again.`,
    });
  }
  await truncate(path, offset).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  if (unfinishedFrom < offset) {
    const kept: string[] = [];
    for await (const line of createInterface({ input: createReadStream(path, { start: unfinishedFrom, end: offset - 1 }), crlfDelay: Number.POSITIVE_INFINITY })) {
      if (line !== '' && finished.has(rootOf(JSON.parse(line)))) kept.push(line);
    }
    await writeFileDurably(resumingPath, JSON.stringify({ from: unfinishedFrom, lines: kept }));
    await replaceTail(path, unfinishedFrom, kept);
  }
  return { bytes: await sizeOf(path), lines: await countLines(path) };
}

/** Cuts a file to `from` bytes and appends `lines`, durably. Doing it twice gives the same file. */
async function replaceTail(path: string, from: number, lines: ReadonlyArray<string>): Promise<void> {
  await truncate(path, from);
  const handle = await open(path, 'a');
  try {
    if (lines.length > 0) await handle.writeFile(`${lines.join('\n')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function readResuming(path: string): Promise<{ from: number; lines: string[] } | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as { from: number; lines: string[] };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

async function countLines(path: string): Promise<number> {
  let lines = 0;
  try {
    for await (const chunk of createReadStream(path)) {
      const buffer = chunk as Buffer;
      for (let index = buffer.indexOf(0x0a); index !== -1; index = buffer.indexOf(0x0a, index + 1)) lines++;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return lines;
}

/** A reject entry as one line, whatever it holds: BigInt becomes text, a cycle drops the record. */
function serializeReject(entry: RejectEntry): string {
  const replacer = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);
  try {
    return JSON.stringify(entry, replacer);
  } catch (error) {
    const { record: _record, ...rest } = entry;
    return JSON.stringify({ ...rest, record: null, recordError: `the record could not be written as JSON: ${(error as Error).message}` }, replacer);
  }
}
