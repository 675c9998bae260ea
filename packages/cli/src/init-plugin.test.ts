import { spawnSync } from 'node:child_process';
import { mkdir, readFile, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createTemporaryProject, type TemporaryProject } from '@synthkit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from './main';
import { captureIo, repositoryRoot } from './test-support/fixture-project';

let project: TemporaryProject;
beforeEach(async () => {
  project = await createTemporaryProject();
});
afterEach(async () => {
  await project.remove();
});

/** The vitest this repository tests with, as the scaffold's `npm install` would bring one. */
const vitestFolder = dirname(createRequire(import.meta.url).resolve('vitest/package.json'));

describe('synthkit init plugin', () => {
  it.each(['task', 'filter', 'provider'])('writes a %s plugin whose own tests pass on the conformance kit', { timeout: 120_000 }, async (kind) => {
    const io = captureIo(project.directory);
    expect(await main(['init', 'plugin', kind, `acme-${kind}`], io)).toBe(0);
    const folder = join(project.directory, `synthkit-plugin-acme-${kind}`);
    expect(io.output()).toContain(`Wrote a ${kind} plugin in synthkit-plugin-acme-${kind}: package.json, index.js, index.test.js, README.md, .gitignore.`);
    const packageJson = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8'));
    expect(packageJson).toMatchObject({ name: `synthkit-plugin-acme-${kind}`, synthkit: { plugin: true }, scripts: { test: 'vitest run' } });

    // Installed as npm would, from this repository.
    await mkdir(join(folder, 'node_modules/@synthkit'), { recursive: true });
    await symlink(join(repositoryRoot, 'packages/core'), join(folder, 'node_modules/@synthkit/core'), 'dir');
    await symlink(join(repositoryRoot, 'packages/testkit'), join(folder, 'node_modules/@synthkit/testkit'), 'dir');
    await symlink(vitestFolder, join(folder, 'node_modules/vitest'), 'dir');
    const tests = spawnSync(process.execPath, [join(folder, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=json'], { cwd: folder, encoding: 'utf8' });
    const report = JSON.parse(tests.stdout.slice(tests.stdout.indexOf('{'))) as { numFailedTests: number; numPassedTests: number };
    expect(report.numFailedTests, tests.stdout + tests.stderr).toBe(0);
    expect(report.numPassedTests).toBeGreaterThanOrEqual(5);
  });

  it('refuses an unknown kind, a name that is not a namespace, and a folder with a package.json', async () => {
    const attempt = async (argv: string[]) => {
      const io = captureIo(project.directory);
      return { code: await main(argv, io), stderr: io.errors() };
    };
    expect(await attempt(['init', 'plugin', 'judge', 'x'])).toMatchObject({ code: 2, stderr: expect.stringContaining('makes a task, filter, provider plugin; got "judge"') });
    expect(await attempt(['init', 'plugin', 'task', 'My Task'])).toMatchObject({ code: 2, stderr: expect.stringContaining('as in "my-task:..."') });
    await project.write('taken/package.json', {});
    expect(await attempt(['init', 'plugin', 'task', 'ok', 'taken'])).toMatchObject({ code: 2, stderr: expect.stringContaining('already exists') });
  });
});
