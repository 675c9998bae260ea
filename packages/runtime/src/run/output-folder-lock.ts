import { hostname } from 'node:os';
import { open, readFile, rm } from 'node:fs/promises';
import { InvalidArgumentError } from '@synthkit/core';

/** A held lock on a run's output folder; `release()` removes it. */
export interface OutputFolderLock {
  release(): Promise<void>;
}

/**
 * Takes the lock of an output folder (`.synthkit/lock`, holding this process's pid and host), so
 * two runs never write the same folder at once: a second `--resume` started while the first is
 * still stopping would interleave their lines. A lock left by a process that no longer runs (it
 * was killed) is taken over.
 *
 * @throws InvalidArgumentError when a live process on this machine holds the lock.
 */
export async function lockOutputFolder(path: string, folder: string): Promise<OutputFolderLock> {
  const owner = { pid: process.pid, host: hostname() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${JSON.stringify(owner)}\n`);
      await handle.close();
      return { release: () => rm(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(path);
    if (holder != null && holder.host === owner.host && holder.pid !== owner.pid && isAlive(holder.pid)) {
      throw new InvalidArgumentError({
        argument: 'out',
        message: `Another synthkit run (process ${holder.pid}) is writing to ${folder}. Wait for it to finish or stop it, then run again.`,
      });
    }
    if (holder != null && holder.host !== owner.host) {
      throw new InvalidArgumentError({
        argument: 'out',
        message: `A synthkit run on ${holder.host} (process ${holder.pid}) holds ${folder}. If it is no longer running, delete ${path} and run again.`,
      });
    }
    // Left by a process that is gone: take it over.
    await rm(path, { force: true });
  }
  throw new InvalidArgumentError({ argument: 'out', message: `Cannot lock ${folder}: ${path} keeps coming back. Is another run starting?` });
}

// --- Internal helpers ---

async function readHolder(path: string): Promise<{ pid: number; host: string } | undefined> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as { pid?: unknown; host?: unknown };
    return typeof value.pid === 'number' && typeof value.host === 'string' ? { pid: value.pid, host: value.host } : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
