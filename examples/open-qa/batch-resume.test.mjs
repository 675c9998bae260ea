// Batch models: the open-QA pipeline (seeded variant) with its revisions stage on a model marked
// `batch: true`, so its calls go through the OpenAI Batch API of the test server while the question
// stage streams online. An uninterrupted batch run ends with the record set of an online run, at
// half the price; a batch run killed with SIGKILL right after submitting a job and resumed collects
// that job (never submits a request twice) and ends with the same record set.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoServer } from './demo-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const binary = join(here, '..', '..', 'packages/cli/dist/bin.js');
const seedTopics = Array.from({ length: 12 }, (_, index) => `Topic number ${index + 1} of the batch test`);

/**
 * The recipe: online questions, revisions on `openai:batch-model` (batched unless `batch` is
 * false); with `onlineConverter`, only the revisions' generator is batched (one round of requests).
 */
function recipeText({ batch, onlineConverter = false }) {
  return [
    'name: open-qa-batch',
    'seed: 42',
    'models: { default: openai:gpt-4o-mini }',
    'params: { default: { temperature: 0.7, max_tokens: 1024 } }',
    'prices:',
    '  "openai:gpt-4o-mini": { input: 1, output: 2 }',
    '  "openai:batch-model": { input: 1, output: 2 }',
    'endpoints:',
    '  default: { concurrency: 4 }',
    `  "openai:batch-model": { batch: ${batch} }`,
    'stages:',
    `  - source: .batch-seeds-${process.pid}.jsonl`,
    '  - task: nemotron:open-qa-questions',
    '    options: { n_openlines: 2 }',
    '  - task: nemotron:open-qa-revisions',
    '    options: { n_revisions: 1 }',
    `    models: { generator: openai:batch-model, converter: ${onlineConverter ? 'openai:gpt-4o-mini' : 'openai:batch-model'} }`,
    '',
  ].join('\n');
}

let server;
let scratch;
let recipe;
const seeds = join(here, `.batch-seeds-${process.pid}.jsonl`);
beforeEach(async () => {
  server = await startDemoServer({ latencyMs: 5, batches: { completionDelayMs: 1500 } });
  scratch = await mkdtemp(join(tmpdir(), 'synthkit-batch-'));
  recipe = join(here, `.batch-${process.pid}.yaml`);
  await writeFile(seeds, seedTopics.map((topic) => JSON.stringify({ topic })).join('\n'));
});
afterEach(async () => {
  await server.close();
  await rm(recipe, { force: true });
  await rm(seeds, { force: true });
  await rm(scratch, { recursive: true, force: true });
});

/** Runs the CLI; with `killWhen`, SIGKILLs it as soon as `killWhen()` turns true (checked every 5 ms). */
function synthkit(args, { cacheDirectory, killWhen }) {
  const child = spawn(process.execPath, [binary, ...args], {
    env: { ...process.env, OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'test-key', SYNTHKIT_CACHE_DIR: cacheDirectory },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk.toString();
  });
  let checking = false;
  const timer =
    killWhen == null
      ? undefined
      : setInterval(async () => {
          if (checking) return;
          checking = true;
          if (await killWhen()) {
            clearInterval(timer);
            child.kill('SIGKILL');
          }
          checking = false;
        }, 5);
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

/** The jobs recorded in an output folder's `.synthkit/batch-jobs.json` (none before the first). */
async function recordedJobs(out) {
  const text = await readFile(join(out, '.synthkit', 'batch-jobs.json'), 'utf8').catch(() => '{"jobs":[]}');
  return JSON.parse(text).jobs;
}

/** Custom ids of every request the server received in an uploaded batch input file. */
async function submittedCustomIds(since) {
  const ids = [];
  for (const request of server.requests.slice(since)) {
    if (request.method !== 'POST' || request.path !== '/v1/batches') continue;
    const content = await (await fetch(`${server.baseURL}/files/${request.body.input_file_id}/content`)).text();
    for (const line of content.split('\n')) if (line !== '') ids.push(JSON.parse(line).custom_id);
  }
  return ids;
}

/** The online run every batch run is compared with. */
async function onlineRun(options = {}) {
  await writeFile(recipe, recipeText({ ...options, batch: false }));
  const out = join(scratch, 'online');
  const online = await synthkit(['run', recipe, '--out', out], { cacheDirectory: join(scratch, 'online-cache') });
  expect(online.stderr).not.toContain('error');
  expect(online.code).toBe(0);
  expect(server.batchesCreated).toBe(0);
  return { records: await lines(join(out, 'data.jsonl')), report: JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) };
}

describe('a recipe with a batch model', () => {
  it('ends with the record set of an online run, at the batch price, with its jobs in run.json', { timeout: 120_000 }, async () => {
    const online = await onlineRun();
    expect(online.records).toHaveLength(24);

    await writeFile(recipe, recipeText({ batch: '{ window_ms: 300, poll_interval_ms: 100 }' }));
    const out = join(scratch, 'batched');
    const before = server.requests.length;
    const batched = await synthkit(['run', recipe, '--out', out], { cacheDirectory: join(scratch, 'batch-cache') });
    expect(batched.code).toBe(0);

    const records = await lines(join(out, 'data.jsonl'));
    expect(recordSet(records)).toEqual(recordSet(online.records));
    // Every record traces its batch calls as it traces online ones: one attempt each, with usage.
    const batchCalls = records.flatMap((record) => record._meta.calls.filter((entry) => entry.model === 'openai:batch-model'));
    expect(batchCalls).toHaveLength(2 * records.length);
    for (const entry of batchCalls) expect(entry).toMatchObject({ attempts: 1, cached: false, usage: { inputTokens: expect.any(Number), outputTokens: expect.any(Number) } });
    // The revisions went through jobs only; the questions stayed online.
    const sent = server.requests.slice(before);
    expect(sent.filter((request) => request.path === '/v1/chat/completions' && /rewrite/i.test(request.prompt ?? ''))).toHaveLength(0);
    expect(sent.filter((request) => request.path === '/v1/chat/completions').length).toBeGreaterThan(0);
    const report = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
    const endpoint = report.endpoints.find((entry) => entry.label.startsWith('openai:batch-model'));
    expect(endpoint.batch).toMatchObject({ jobsInProgress: 0, requestsFailed: 0, priceFactor: 0.5 });
    expect(endpoint.batch.jobsEnded).toBe(server.batchesCreated);
    expect(report.models['openai:batch-model'].outputTokens).toBe(online.report.models['openai:batch-model'].outputTokens);
    expect(report.models['openai:batch-model'].costUsd).toBeCloseTo(online.report.models['openai:batch-model'].costUsd / 2, 4);
    expect(report.models['openai:gpt-4o-mini'].costUsd).toBe(online.report.models['openai:gpt-4o-mini'].costUsd);
  });

  it('killed with SIGKILL after submitting its job, resumed, collects that job: one submission in all', { timeout: 120_000 }, async () => {
    // Only the revisions' generator is batched, and a job holds all 24 of its requests: one job.
    const online = await onlineRun({ onlineConverter: true });
    await writeFile(recipe, recipeText({ batch: '{ max_requests: 24, window_ms: 60000, poll_interval_ms: 100 }', onlineConverter: true }));
    const out = join(scratch, 'crashing');
    const cacheDirectory = join(scratch, 'cache');
    const before = server.requests.length;

    // Killed as soon as the job is recorded: accepted, and still running (it takes 1.5 s).
    const killed = await synthkit(['run', recipe, '--out', out], { cacheDirectory, killWhen: async () => (await recordedJobs(out)).length >= 1 });
    expect(killed.signal).toBe('SIGKILL');
    const [job] = await recordedJobs(out);
    expect(job).toMatchObject({ state: 'submitted', customIds: expect.any(Array) });
    expect(job.customIds).toHaveLength(24);
    expect(server.batchesCreated).toBe(1);

    const resumed = await synthkit(['run', recipe, '--out', out, '--resume'], { cacheDirectory });
    expect(resumed.stderr).not.toContain('unexpected error');
    expect(resumed.code).toBe(0);

    // The server saw exactly one submission; the resumed run polled that job and read its answers.
    expect(server.batchesCreated).toBe(1);
    expect(await submittedCustomIds(before)).toEqual(job.customIds);
    expect(server.requests.slice(before).filter((request) => request.method === 'GET' && request.path === `/v1/batches/${job.id}`).length).toBeGreaterThan(0);
    expect(await recordedJobs(out)).toEqual([{ ...job, state: 'ended' }]);
    const records = await lines(join(out, 'data.jsonl'));
    expect(new Set(records.map((record) => record._id)).size).toBe(records.length);
    expect(recordSet(records)).toEqual(recordSet(online.records));
    const report = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
    expect(report.status).toBe('completed');
    expect(report.endpoints.find((entry) => entry.label.startsWith('openai:batch-model')).batch).toMatchObject({
      jobsResumed: 1,
      jobsSubmitted: 0,
      jobsEnded: 1,
      requestsFailed: 0,
    });
  });

  it('killed with SIGKILL after its first job, over several rounds of jobs, never submits a request twice', { timeout: 120_000 }, async () => {
    const online = await onlineRun();
    await writeFile(recipe, recipeText({ batch: '{ window_ms: 300, poll_interval_ms: 100 }' }));
    const out = join(scratch, 'crashing');
    const cacheDirectory = join(scratch, 'cache');
    const before = server.requests.length;

    // Killed as soon as a job is recorded: the job was accepted and is still running (1.5 s).
    const killed = await synthkit(['run', recipe, '--out', out], { cacheDirectory, killWhen: async () => (await recordedJobs(out)).length >= 1 });
    expect(killed.signal).toBe('SIGKILL');
    const [first] = await recordedJobs(out);
    expect(first.state).toBe('submitted');
    expect(server.batchesCreated).toBe(1);

    const resumed = await synthkit(['run', recipe, '--out', out, '--resume'], { cacheDirectory });
    expect(resumed.stderr).not.toContain('unexpected error');
    expect(resumed.code).toBe(0);

    // The resumed run collected the first job (it asked about it) and never submitted a request twice.
    const afterKill = server.requests.slice(before).findIndex((request) => request.path === `/v1/batches/${first.id}` && request.method === 'GET');
    expect(afterKill).toBeGreaterThanOrEqual(0);
    const ids = await submittedCustomIds(before);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(first.customIds));
    const jobs = await recordedJobs(out);
    expect(jobs.map((job) => job.id)).toEqual(server.requests.slice(before).filter((request) => request.method === 'POST' && request.path === '/v1/batches').map((_, index) => `batch_testkit_${index + 1}`));
    expect(jobs.every((job) => job.state === 'ended')).toBe(true);

    const records = await lines(join(out, 'data.jsonl'));
    expect(recordSet(records)).toEqual(recordSet(online.records));
    const report = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
    expect(report.status).toBe('completed');
    expect(report.endpoints.find((entry) => entry.label.startsWith('openai:batch-model')).batch).toMatchObject({ jobsResumed: 1, requestsFailed: 0 });
  });
});
