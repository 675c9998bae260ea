// Crash test: the open-QA pipeline (a bigger variant) killed with SIGKILL at random moments and
// resumed each time with `--resume` ends with exactly the record set of an uninterrupted run:
// no duplicate, no torn line, nothing missing, and the response cache serves what was already paid for.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoServer } from './demo-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const binary = join(here, '..', '..', 'packages/cli/dist/bin.js');
/** The request window: at most this many requests can be lost in flight at a kill. */
const concurrency = 4;

let server;
let scratch;
let recipe;
beforeEach(async () => {
  server = await startDemoServer({ latencyMs: 15 });
  scratch = await mkdtemp(join(tmpdir(), 'synthkit-crash-'));
  // Beside the example recipe, so its plugins are found; 3 × 4 × 3 × 2 = 72 records, 108 requests.
  recipe = join(here, `.crash-${process.pid}.yaml`);
  const text = await readFile(join(here, 'recipe.yaml'), 'utf8');
  await writeFile(
    recipe,
    text
      .replace('n_subtopics: 2', 'n_subtopics: 3')
      .replace('n_openlines: 2', 'n_openlines: 3')
      .replace('concurrency: 8', `concurrency: 8\nendpoints: { default: { concurrency: ${concurrency} } }`),
  );
});
afterEach(async () => {
  await server.close();
  await rm(recipe, { force: true });
  await rm(scratch, { recursive: true, force: true });
});

/**
 * Runs the CLI. With `killAfterRequests`, kills it with SIGKILL a random few milliseconds after the
 * server has received that many new requests from it: mid-run, with work in flight. Resolves with
 * its exit code or signal.
 */
function synthkit(args, { cacheDirectory, killAfterRequests }) {
  const child = spawn(process.execPath, [binary, ...args], {
    env: { ...process.env, OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'test-key', SYNTHKIT_CACHE_DIR: cacheDirectory },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk.toString();
  });
  const start = server.requests.length;
  const timer =
    killAfterRequests == null
      ? undefined
      : setInterval(() => {
          if (server.requests.length - start < killAfterRequests) return;
          clearInterval(timer);
          setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 10));
        }, 2);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, stderr });
    });
  });
}

async function lines(path) {
  const text = await readFile(path, 'utf8');
  expect(text === '' || text.endsWith('\n')).toBe(true);
  return text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));
}

/** What must be equal between two runs: each record's id and fields (its trace may differ). */
const recordSet = (records) => records.map(({ _meta, ...fields }) => JSON.stringify(fields)).sort();

describe('a run killed with SIGKILL and resumed, again and again', () => {
  it('ends with the record set of an uninterrupted run, and a repeated run sends nothing', { timeout: 120_000 }, async () => {
    const cleanOut = join(scratch, 'clean');
    const clean = await synthkit(['run', recipe, '--out', cleanOut], { cacheDirectory: join(scratch, 'clean-cache') });
    expect(clean.code).toBe(0);
    const cleanRequests = server.requests.length;
    const expected = await lines(join(cleanOut, 'data.jsonl'));
    expect(expected).toHaveLength(72);

    const out = join(scratch, 'crashing');
    const cacheDirectory = join(scratch, 'cache');
    const before = server.requests.length;
    let kills = 0;
    let sessions = 0;
    for (;;) {
      sessions++;
      // Ten kills at random moments of the run (after 1 to 5 new requests), then a run to the end.
      const killAfterRequests = kills < 10 ? 1 + Math.floor(Math.random() * 5) : undefined;
      const result = await synthkit(['run', recipe, '--out', out, '--resume'], { cacheDirectory, killAfterRequests });
      if (result.signal === "SIGKILL") {
        kills++;
        continue;
      }
      expect(result.stderr).not.toContain('unexpected error');
      expect(result.code).toBe(0);
      break;
    }
    expect(kills).toBe(10);
    expect(sessions).toBe(11);

    const records = await lines(join(out, 'data.jsonl'));
    expect(new Set(records.map((record) => record._id)).size).toBe(records.length);
    expect(recordSet(records)).toEqual(recordSet(expected));
    expect(await lines(join(out, 'rejects.jsonl'))).toEqual([]);
    const report = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
    expect(report.status).toBe('completed');
    expect(report.output.records).toBe(72);
    for (const stage of report.stages) {
      expect(stage.received).toBe(stage.completed + stage.filtered + stage.rejected + stage.failed + stage.cancelled);
    }

    // Only requests in flight at a kill can have been paid for and lost: the cache served the rest.
    const crashRequests = server.requests.length - before;
    expect(crashRequests).toBeGreaterThanOrEqual(cleanRequests);
    expect(crashRequests - cleanRequests).toBeLessThanOrEqual(kills * concurrency);

    // The same recipe again, into a new folder, with the same cache: not one request.
    const sent = server.requests.length;
    const again = await synthkit(['run', recipe, '--out', join(scratch, 'again')], { cacheDirectory });
    expect(again.code).toBe(0);
    expect(server.requests.length).toBe(sent);
    expect(recordSet(await lines(join(scratch, 'again', 'data.jsonl')))).toEqual(recordSet(expected));
  });
});
