import { spawn } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { TemporaryProject } from '@synthkit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixtureProject, fixturePluginSource, repositoryRoot } from './test-support/fixture-project';

const binary = join(repositoryRoot, 'packages/cli/dist/bin.js');

let project: TemporaryProject;
beforeEach(async () => {
  project = await createFixtureProject();
  await project.write('plugin.mjs', fixturePluginSource);
});
afterEach(async () => {
  await project.remove();
});

/** Runs the built binary; `onOutput` sees stderr as it arrives and may signal the process. */
function runBinary(args: string[], onStderr?: (text: string, child: ReturnType<typeof spawn>) => void) {
  const child = spawn(process.execPath, [binary, ...args], {
    cwd: project.directory,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SYNTHKIT_CACHE_DIR: join(project.directory, '.synthkit-cache') },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    onStderr?.(stderr, child);
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Resolves once the run in `out` has written a few records to its temporary data file. */
async function waitForRecords(out: string): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const names = await readdir(out).catch(() => []);
    for (const name of names.filter((entry) => entry.startsWith('.data.jsonl.'))) {
      const size = (await stat(join(out, name)).catch(() => undefined))?.size ?? 0;
      if (size > 1000) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the synthkit binary', () => {
  it('prints its version and exits 2 on a usage error', async () => {
    const version = await runBinary(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(await readFile(join(repositoryRoot, 'packages/cli/package.json'), 'utf8')).version);
    expect((await runBinary(['frobnicate'])).code).toBe(2);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('on %s keeps what was produced, writes run.json as cancelled and exits 1', async (signal) => {
    await project.write('recipe.yaml', {
      plugins: ['./plugin.mjs'],
      models: { default: 'echo:slow' },
      providers: { echo: { delayMs: 20 } },
      stages: [{ task: 'fixture:split', options: { count: 2000 } }, { task: 'fixture:shout', concurrency: 4 }],
    });
    let interrupted = false;
    const result = await runBinary(['run', 'recipe.yaml', '--out', 'out'], (stderr, child) => {
      if (!interrupted && stderr.includes('Running')) {
        interrupted = true;
        // Signal once records are flowing (the data file's temporary file has some), however
        // slow the machine is.
        void waitForRecords(join(project.directory, 'out')).then(() => child.kill(signal));
      }
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Stopping: cancelling the requests in flight');
    expect(result.stderr).toContain('Cancelled:');
    const report = JSON.parse(await readFile(join(project.directory, 'out/run.json'), 'utf8'));
    expect(report.status).toBe('cancelled');
    // Every record the shout stage took is accounted for: emitted, or cut short by the cancel.
    const shout = report.stages.find((stage: { name: string }) => stage.name === 'shout');
    // Records whose requests were in flight are cancelled; one whose answer was already in (its
    // cache entry being committed) is finished. Which of the two happens depends on timing.
    expect(shout.received).toBe(shout.completed + shout.cancelled);
    expect(shout.emitted).toBe(shout.completed);
    expect(shout.received).toBeLessThan(2000);
    expect(report.requests.failedCalls).toBe(0);
    const lines = (await readFile(join(project.directory, 'out/data.jsonl'), 'utf8')).split('\n').filter(Boolean);
    expect(lines.length).toBe(report.output.records);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(2000);
    for (const line of lines) expect(JSON.parse(line).text).toMatch(/^PLEASE SHOUT ITEM \d+$/);
  });
});
