// End to end: `pnpm synthkit run examples/open-qa/recipe.yaml --out DIR` with OPENAI_BASE_URL
// pointed at a loopback OpenAI-compatible server, through the real CLI, plugin discovery, the
// OpenAI provider (official SDK) and the filters.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAITestServer, errorRule } from '@synthkit/testkit';
import { startDemoServer } from './demo-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);

let server;
let out;
beforeEach(async () => {
  server = await startDemoServer({ latencyMs: 0 });
  out = await mkdtemp(join(tmpdir(), 'synthkit-open-qa-'));
});
afterEach(async () => {
  await server.close();
  await rm(out, { recursive: true, force: true });
});

async function synthkit(args, env = {}) {
  try {
    const { stdout, stderr } = await run('pnpm', ['--silent', 'synthkit', ...args], {
      cwd: root,
      env: {
        ...process.env,
        OPENAI_BASE_URL: server.baseURL,
        OPENAI_API_KEY: 'test-key',
        // A cache per test: answers never leak between tests or into the user's cache.
        SYNTHKIT_CACHE_DIR: join(out, '.cache'),
        ...env,
      },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

const readJsonLines = async (path) =>
  (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));

describe('examples/open-qa', () => {
  it('generates one record per revised openline, with lineage back to its macro topic', async () => {
    const result = await synthkit(['run', 'examples/open-qa/recipe.yaml', '--out', out]);
    expect(result.stderr).toContain('Done: 36 records');
    expect(result.code).toBe(0);

    const records = await readJsonLines(join(out, 'data.jsonl'));
    // 3 macro topics × (2 subtopics + the macro topic itself) × 2 questions × 2 revisions.
    expect(records).toHaveLength(36);
    expect(new Set(records.map((record) => record._id)).size).toBe(36);
    for (const record of records) {
      expect(record._id).toMatch(/^[0-9a-f]{16}$/);
      expect(Object.keys(record).sort()).toEqual(['_id', '_meta', 'macro_topic', 'openline', 'revision', 'topic']);
      expect(record.revision).toContain(record.openline);
      expect(record._meta.stage).toBe('open-qa-revisions');
      expect(record._meta.lineage.map((entry) => entry.stage)).toEqual(['macro-topics', 'subtopics', 'open-qa-questions']);
      expect(record._meta.parent).toBe(record._meta.lineage[2].id);
      expect(Object.keys(record._meta.scores)).toEqual(['word-count', 'non-alpha-numeric', 'banned']);
      expect(record._meta.calls.map((call) => `${call.stage}/${call.role}`)).toEqual([
        // The demo server's lists are clean, so each is read locally (conversion: auto): no converter call.
        'macro-topics/generator',
        'subtopics/generator',
        'open-qa-questions/generator',
        'open-qa-revisions/generator',
      ]);
    }
    // Records from one macro topic share the id of that macro-topic record, and only they do.
    const rootIds = new Map();
    for (const record of records) {
      const rootId = record._meta.lineage[0].id;
      expect(rootIds.get(record.macro_topic) ?? rootId).toBe(rootId);
      rootIds.set(record.macro_topic, rootId);
    }
    expect(new Set(rootIds.values()).size).toBe(3);

    expect(await readJsonLines(join(out, 'rejects.jsonl'))).toEqual([]);
    const report = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
    expect(report.status).toBe('completed');
    expect(report.stages.map((stage) => [stage.name, stage.received, stage.emitted])).toEqual([
      ['macro-topics', 1, 3],
      ['subtopics', 3, 9],
      ['open-qa-questions', 9, 18],
      ['open-qa-revisions', 18, 36],
      ['word-count', 36, 36],
      ['non-alpha-numeric', 36, 36],
      ['banned', 36, 36],
    ]);
    // One generator call per task input, the lists read locally: 1 + 3 + 9 + 18 (62 with conversion: llm).
    expect(report.requests).toEqual({ calls: 31, total: 31, retries: 0, failedCalls: 0, cacheHits: 0 });
    expect(server.requests).toHaveLength(31);
    // The endpoint's window (endpoints.default.concurrency) holds across all four stages.
    expect(server.maxInFlight).toBeLessThanOrEqual(16);
    // The same recipe again replays every answer from the cache: not one request.
    const again = await synthkit(['run', 'examples/open-qa/recipe.yaml', '--out', join(out, 'again')]);
    expect(again.code).toBe(0);
    expect(server.requests).toHaveLength(31);
    expect(JSON.parse(await readFile(join(out, 'again', 'run.json'), 'utf8')).requests).toMatchObject({ total: 0, cacheHits: 31 });
    expect(report.tokens.input).toBeGreaterThan(0);
    expect(server.requests.every((request) => request.headers.authorization === 'Bearer test-key')).toBe(true);
  });

  it('streams: the first revision request goes out before the last subtopic request is answered', async () => {
    // The first subtopic request is answered slowly; the others (and every other request) at once.
    // Stages that waited for the whole previous stage would send no revision before it is answered.
    await server.close();
    let slowSent = false;
    server = await startDemoServer({
      latencyMs: (request) => {
        if (slowSent || !request.prompt?.startsWith('Broad topic:')) return 5;
        slowSent = true;
        return 1500;
      },
    });
    const result = await synthkit(['run', 'examples/open-qa/recipe.yaml', '--out', out]);
    expect(result.code, result.stderr).toBe(0);

    const subtopics = server.requests.filter((request) => request.prompt?.startsWith('Broad topic:'));
    const revisions = server.requests.filter((request) => request.prompt?.startsWith('Here is a request someone sent to an AI assistant:'));
    expect(subtopics).toHaveLength(3);
    expect(revisions).toHaveLength(18);
    const lastSubtopicAnswered = Math.max(...subtopics.map((request) => request.answeredAtMs));
    const firstRevisionSent = Math.min(...revisions.map((request) => request.receivedAtMs));
    expect(firstRevisionSent).toBeLessThan(lastSubtopicAnswered);
  });

  it('records filtered revisions in rejects.jsonl with the stage and reason', async () => {
    // The same recipe with a stricter word count, written beside it so its plugins are found.
    const strictRecipe = join(root, 'examples/open-qa', `.strict-${process.pid}.yaml`);
    const recipe = await readFile(join(root, 'examples/open-qa/recipe.yaml'), 'utf8');
    await writeFile(strictRecipe, recipe.replace('min_words: 10', 'min_words: 36'));
    try {
      const result = await synthkit(['run', strictRecipe, '--out', out]);
      expect(result.code).toBe(0);
    } finally {
      await rm(strictRecipe, { force: true });
    }
    const kept = await readJsonLines(join(out, 'data.jsonl'));
    const rejects = await readJsonLines(join(out, 'rejects.jsonl'));
    expect(rejects.length).toBeGreaterThan(0);
    expect(kept.length + rejects.length).toBe(36);
    for (const entry of rejects) {
      expect(entry).toMatchObject({ stage: 'word-count', kind: 'filtered', reason: expect.stringMatching(/fewer than min_words 36/) });
      expect(entry.record.revision.split(/\s+/).length).toBeLessThan(36);
    }
    for (const record of kept) expect(record.revision.split(/\s+/).length).toBeGreaterThanOrEqual(36);
  });

  it('--limit stops after N records and says so in run.json', async () => {
    const result = await synthkit(['run', 'examples/open-qa/recipe.yaml', '--out', out, '--limit', '5']);
    expect(result.code).toBe(0);
    expect(await readJsonLines(join(out, 'data.jsonl'))).toHaveLength(5);
    expect(JSON.parse(await readFile(join(out, 'run.json'), 'utf8'))).toMatchObject({ limitReached: true, output: { records: 5 } });
  });

  it('stops at once with one message on a rejected key, and never writes the key anywhere', async () => {
    await server.close();
    // An endpoint that refuses the key and echoes it back, as OpenAI's 401 does.
    server = await createOpenAITestServer({
      rules: [errorRule({ status: 401, message: 'Incorrect API key provided: test-key. Find your key in the dashboard.' })],
    });
    const result = await synthkit(['run', 'examples/open-qa/recipe.yaml', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('refused the request, and every other request would meet the same answer');
    expect(result.stderr).toContain('Incorrect API key provided: [redacted]');
    expect(result.stderr).toContain('The API key came from the OPENAI_API_KEY environment variable.');
    expect(server.requests).toHaveLength(1);
    for (const file of ['data.jsonl', 'rejects.jsonl', 'run.json']) {
      expect(await readFile(join(out, file), 'utf8')).not.toContain('test-key');
    }
    expect(result.stderr).not.toContain('test-key');
    expect(JSON.parse(await readFile(join(out, 'run.json'), 'utf8'))).toMatchObject({
      status: 'failed',
      stopReason: 'fatal-error',
      requests: { total: 1 },
    });
  });

  it('dry run sends nothing', async () => {
    const result = await synthkit(['run', 'examples/open-qa/recipe.yaml', '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('## stages[3] open-qa-revisions (task nemotron:open-qa-revisions)');
    expect(result.stdout).toContain('--- converter → openai:gpt-4o-mini');
    expect(server.requests).toHaveLength(0);
  });
});
