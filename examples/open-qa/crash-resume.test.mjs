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

/** Seed topics for the seeded variant: many small roots. */
const seedTopics = Array.from({ length: 24 }, (_, index) => `Topic number ${index + 1} of the crash test`);

/**
 * Two shapes of run, written beside the example recipe so its plugins are found:
 * - generated: macro topics → subtopics → questions → revisions, 3 roots (the macro topics) with
 *   24 records each (72 records, 108 requests);
 * - seeded: 24 seed topics → questions → revisions, 24 roots with 3 records each (72 records, 192 requests).
 */
const variants = {
  generated: (text) =>
    text
      .replace('n_subtopics: 2', 'n_subtopics: 3')
      .replace('n_openlines: 2', 'n_openlines: 3')
      .replace('default: { concurrency: 16 }', `default: { concurrency: ${concurrency} }`),
  seeded: (text) =>
    text
      .replace(/stages:[\s\S]*$/, '')
      .replace('default: { concurrency: 16 }', `default: { concurrency: ${concurrency} }`) +
    [
      'stages:',
      `  - source: .crash-seeds-${process.pid}.jsonl`,
      '  - task: nemotron:open-qa-questions',
      '    options: { n_openlines: 3 }',
      '  - task: nemotron:open-qa-revisions',
      '    options: { n_revisions: 1 }',
      '',
    ].join('\n'),
};

let server;
let scratch;
let recipe;
const seeds = join(here, `.crash-seeds-${process.pid}.jsonl`);
beforeEach(async () => {
  server = await startDemoServer({ latencyMs: 15 });
  scratch = await mkdtemp(join(tmpdir(), 'synthkit-crash-'));
  recipe = join(here, `.crash-${process.pid}.yaml`);
  await writeFile(seeds, seedTopics.map((topic) => JSON.stringify({ topic })).join('\n'));
});
afterEach(async () => {
  await server.close();
  await rm(recipe, { force: true });
  await rm(seeds, { force: true });
  await rm(scratch, { recursive: true, force: true });
});

/**
 * Runs the CLI. With `killAfterRequests`, sends it `killSignal` (SIGKILL, or SIGTERM for a graceful
 * stop) a random few milliseconds after the server has received that many new requests from it:
 * mid-run, with work in flight. Resolves with its exit code or signal, and whether it was stopped.
 */
function synthkit(args, { cacheDirectory, killAfterRequests, killSignal = 'SIGKILL' }) {
  const child = spawn(process.execPath, [binary, ...args], {
    env: { ...process.env, OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'test-key', SYNTHKIT_CACHE_DIR: cacheDirectory },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk.toString();
  });
  const start = server.requests.length;
  let stopped = false;
  const timer =
    killAfterRequests == null
      ? undefined
      : setInterval(() => {
          if (server.requests.length - start < killAfterRequests) return;
          clearInterval(timer);
          setTimeout(() => {
            stopped = child.exitCode == null && child.signalCode == null;
            child.kill(killSignal);
          }, Math.floor(Math.random() * 10));
        }, 2);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, stderr, stopped });
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

describe.each(Object.keys(variants))('a %s run killed with SIGKILL (or stopped with SIGTERM) and resumed, again and again', (variant) => {
  it('ends with the record set of an uninterrupted run, and a repeated run sends nothing', { timeout: 120_000 }, async () => {
    await writeFile(recipe, variants[variant](await readFile(join(here, 'recipe.yaml'), 'utf8')));
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

    // Only requests in flight at a stop (at most one window) and answers received but not yet
    // committed to the cache (at most one per slot) can have been paid for and lost: the cache
    // served every other request again.
    const crashRequests = server.requests.length - before;
    expect(crashRequests).toBeGreaterThanOrEqual(cleanRequests);
    expect(crashRequests - cleanRequests).toBeLessThanOrEqual(kills * 2 * concurrency);

    // The same recipe again, into a new folder, with the same cache: not one request.
    const sent = server.requests.length;
    const again = await synthkit(['run', recipe, '--out', join(scratch, 'again')], { cacheDirectory });
    expect(again.code).toBe(0);
    expect(server.requests.length).toBe(sent);
    expect(recordSet(await lines(join(scratch, 'again', 'data.jsonl')))).toEqual(recordSet(expected));
  });
});
