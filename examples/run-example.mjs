// Runs an example recipe offline through the built CLI (`node packages/cli/dist/bin.js run <recipe>
// --mock`), as a user would, into a temporary folder with a cache of its own, and reads what it
// wrote. Shared by the examples' tests; it uses Node's built-ins only.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The repository's root: the CLI and the recipes are addressed from it. */
export const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

const run = promisify(execFile);

/**
 * Runs `synthkit <args...>` with the built CLI, with no endpoint and no API key in the environment.
 * @returns the exit code, stdout and stderr.
 */
export async function synthkit(args, { cacheDirectory } = {}) {
  const env = { ...process.env, ...(cacheDirectory == null ? {} : { SYNTHKIT_CACHE_DIR: cacheDirectory }) };
  for (const name of ['OPENAI_BASE_URL', 'OPENAI_API_KEY', 'ANTHROPIC_API_KEY']) delete env[name];
  try {
    const { stdout, stderr } = await run(process.execPath, [join(repositoryRoot, 'packages/cli/dist/bin.js'), ...args], { cwd: repositoryRoot, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

/**
 * Runs `synthkit run examples/<example>/recipe.yaml --mock` into a new temporary folder.
 * @returns the CLI's result, the records of data.jsonl and rejects.jsonl, run.json, and `remove()`.
 */
export async function runExampleWithMock(example) {
  const out = await mkdtemp(join(tmpdir(), `synthkit-example-${example}-`));
  const result = await synthkit(['run', `examples/${example}/recipe.yaml`, '--mock', '--out', join(out, 'run')], { cacheDirectory: join(out, 'cache') });
  const read = async (name) => readFile(join(out, 'run', name), 'utf8').catch(() => '');
  const lines = (text) => text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));
  const report = await read('run.json');
  return {
    ...result,
    records: lines(await read('data.jsonl')),
    rejects: lines(await read('rejects.jsonl')),
    report: report === '' ? undefined : JSON.parse(report),
    remove: () => rm(out, { recursive: true, force: true }),
  };
}

/** The record's own fields (without `_id` and `_meta`), sorted by name. */
export const fieldsOf = (record) => Object.keys(record).filter((key) => key !== '_id' && key !== '_meta').sort();

/** Tokens the mock reported for one record's calls: every call on its way, input and output. */
export const tokensOf = (record) =>
  record._meta.calls.reduce((sum, call) => ({ input: sum.input + (call.usage?.inputTokens ?? 0), output: sum.output + (call.usage?.outputTokens ?? 0) }), { input: 0, output: 0 });
