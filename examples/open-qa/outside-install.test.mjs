// synthkit outside this repository, before it is published: the packages packed with
// scripts/pack-local.mjs install with npm into fresh folders under the system temp folder (outside
// the workspace), where the installed CLI runs the recipe `synthkit init` wrote, offline with --mock,
// and the plugins `synthkit init plugin` writes pass their own tests.
// Needs the npm registry for the packages' own dependencies (zod, yaml, lmdb, openai, vitest...).
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let scratch;
let packs;
/** The packed tarball of each named package, e.g. `core` → `.../synthkit-core-0.1.0.tgz`. */
const tarballsOf = async (names) => {
  const tarballs = await readdir(packs);
  return names.map((name) => join(packs, tarballs.find((file) => file.startsWith(`synthkit-${name}-`))));
};
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'synthkit-outside-'));
  packs = join(scratch, 'packs');
  execFileSync(process.execPath, [join(root, 'scripts/pack-local.mjs'), packs], { stdio: 'pipe' });
}, 300_000);
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('synthkit installed from packed packages, outside the workspace', () => {
  it('installs with npm, and the installed CLI runs the recipe synthkit init writes', { timeout: 300_000 }, async () => {
    const install = await tarballsOf(['core', 'validation-messages', 'runtime', 'cli', 'stats', 'provider-utils', 'provider-mock', 'provider-openai', 'tasks-nemotron', 'text-processing', 'filters-heuristic']);

    const project = join(scratch, 'recipes');
    execFileSync(process.execPath, [join(root, 'packages/cli/dist/bin.js'), 'init', project], { stdio: 'pipe' });
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...install], { cwd: project, stdio: 'pipe' });

    const synthkit = (...args) =>
      execFileSync(join(project, 'node_modules/.bin/synthkit'), args, {
        cwd: project,
        encoding: 'utf8',
        env: { ...process.env, OPENAI_API_KEY: '', SYNTHKIT_CACHE_DIR: join(scratch, 'cache') },
      });
    expect(synthkit('validate', 'recipe.yaml')).toContain('recipe.yaml is valid: 4 stages');
    synthkit('run', 'recipe.yaml', '--mock', '--out', 'out/mock');
    const records = (await readFile(join(project, 'out/mock/data.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(records.length).toBeGreaterThan(0);
    expect(records[0]).toMatchObject({ macro_topic: expect.any(String), topic: expect.any(String), openline: expect.any(String) });
    expect(synthkit('stats', 'out/mock/data.jsonl', '--field', 'openline')).toContain(`Diversity of ${records.length} records (field openline)`);
    // The CLI that ran is the installed one, not this checkout's.
    expect(JSON.parse(await readFile(join(project, 'node_modules/@synthkit/cli/package.json'), 'utf8')).version).toBe(
      JSON.parse(await readFile(join(root, 'packages/cli/package.json'), 'utf8')).version,
    );
  });

  it.each(['task', 'filter', 'provider'])('a %s plugin written by synthkit init plugin installs and passes its own tests', { timeout: 300_000 }, async (kind) => {
    const parent = join(scratch, `plugin-${kind}`);
    execFileSync(process.execPath, [join(root, 'packages/cli/dist/bin.js'), 'init', 'plugin', kind, `acme-${kind}`, parent], { stdio: 'pipe' });
    // The scaffold's own @synthkit dependencies, and what testkit needs, from the packs; vitest from npm.
    const install = await tarballsOf(['core', 'validation-messages', 'testkit', 'runtime', 'test-server']);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...install], { cwd: parent, stdio: 'pipe' });
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: parent, stdio: 'pipe' });
    const output = execFileSync('npm', ['test', '--', '--reporter=json', '--outputFile=report.json'], { cwd: parent, encoding: 'utf8', stdio: 'pipe' });
    const report = JSON.parse(await readFile(join(parent, 'report.json'), 'utf8'));
    expect(report.numFailedTests, output).toBe(0);
    expect(report.numPassedTests).toBeGreaterThanOrEqual(5);
    // The tests ran against the installed packages, not this checkout's.
    expect(await readdir(join(parent, 'node_modules/@synthkit'))).toEqual(expect.arrayContaining(['core', 'testkit']));
  });
});
