import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
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
  const child = spawn(process.execPath, [binary, ...args], { cwd: project.directory, stdio: ['ignore', 'pipe', 'pipe'] });
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

describe('the synthkit binary', () => {
  it('prints its version and exits 2 on a usage error', async () => {
    const version = await runBinary(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(await readFile(join(repositoryRoot, 'packages/cli/package.json'), 'utf8')).version);
    expect((await runBinary(['frobnicate'])).code).toBe(2);
  });

  it('on Ctrl-C keeps what was produced, writes run.json as cancelled and exits 1', async () => {
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
        setTimeout(() => child.kill('SIGINT'), 800);
      }
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Stopping: cancelling the requests in flight');
    expect(result.stderr).toContain('Cancelled:');
    const report = JSON.parse(await readFile(join(project.directory, 'out/run.json'), 'utf8'));
    expect(report.status).toBe('cancelled');
    // Every record the shout stage took is accounted for: emitted, or cut short by the cancel.
    const shout = report.stages.find((stage: { name: string }) => stage.name === 'shout');
    expect(shout.cancelled).toBeGreaterThan(0);
    expect(shout.received).toBe(shout.emitted + shout.cancelled);
    expect(report.requests.failed).toBe(0);
    const lines = (await readFile(join(project.directory, 'out/data.jsonl'), 'utf8')).split('\n').filter(Boolean);
    expect(lines.length).toBe(report.output.records);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(2000);
    for (const line of lines) expect(JSON.parse(line).text).toMatch(/^PLEASE SHOUT ITEM \d+$/);
  });
});
