// Batch models: the open-QA pipeline (seeded variant) with its revisions stage on a model marked
// `batch: true`, so its calls go through the batch API of the test server (OpenAI Batch, Anthropic
// Message Batches: every test runs for both) while the question stage streams online. An
// uninterrupted batch run ends with the record set of an online run, at half the price; a batch run
// killed with SIGKILL right after submitting a job and resumed collects that job (never submits a
// request twice) and ends with the same record set.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnthropicTestServer } from '@synthkit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoRules, startDemoServer } from './demo-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const binary = join(here, '..', '..', 'packages/cli/dist/bin.js');
const seedTopics = Array.from({ length: 12 }, (_, index) => `Topic number ${index + 1} of the batch test`);
/** How long the test server's jobs take: long enough to kill a run while one is pending. */
const pendingJobMs = 1500;

/** What differs between the providers: their server, models, environment and batch endpoints. */
const providers = [
  {
    name: 'openai',
    onlineModel: 'openai:gpt-4o-mini',
    batchModel: 'openai:batch-model',
    onlinePath: '/v1/chat/completions',
    start: (batches) => startDemoServer({ latencyMs: 5, batches }),
    environment: (server) => ({ OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'test-key' }),
    /** `POST` here creates a job; `GET jobPath(id)` polls one. */
    createPath: '/v1/batches',
    jobPath: (id) => `/v1/batches/${id}`,
    jobId: (number) => `batch_testkit_${number}`,
    /** The custom ids a job creation submitted: the lines of its uploaded input file. */
    async customIdsOf(server, creation) {
      const content = await (await fetch(`${server.baseURL}/files/${creation.body.input_file_id}/content`)).text();
      return content.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line).custom_id);
    },
  },
  {
    name: 'anthropic',
    onlineModel: 'anthropic:claude-haiku-4-5',
    batchModel: 'anthropic:batch-model',
    onlinePath: '/v1/messages',
    start: (batches) => createAnthropicTestServer({ latencyMs: 5, batches, rules: demoRules(), apiKey: 'test-anthropic-key' }),
    environment: (server) => ({ ANTHROPIC_BASE_URL: server.baseURL, ANTHROPIC_API_KEY: 'test-anthropic-key' }),
    createPath: '/v1/messages/batches',
    jobPath: (id) => `/v1/messages/batches/${id}`,
    jobId: (number) => `msgbatch_testkit_${number}`,
    /** The custom ids a batch creation submitted: its requests'. */
    async customIdsOf(_server, creation) {
      return creation.body.requests.map((request) => request.custom_id);
    },
  },
];

/**
 * The recipe: online questions, revisions on the provider's batch model (batched unless `batch` is
 * false); with `onlineConverter`, only the revisions' generator is batched (one round of requests).
 */
function recipeText({ provider, batch, onlineConverter = false }) {
  const { onlineModel, batchModel } = provider;
  return [
    'name: open-qa-batch',
    'seed: 42',
    `models: { default: ${onlineModel} }`,
    'params: { default: { temperature: 0.7, max_tokens: 1024 } }',
    'prices:',
    `  "${onlineModel}": { input: 1, output: 2 }`,
    `  "${batchModel}": { input: 1, output: 2 }`,
    'endpoints:',
    '  default: { concurrency: 4 }',
    `  "${batchModel}": { batch: ${batch} }`,
    'stages:',
    `  - source: .batch-seeds-${process.pid}.jsonl`,
    '  - task: nemotron:open-qa-questions',
    '    options: { n_openlines: 2 }',
    '  - task: nemotron:open-qa-revisions',
    // conversion: llm, so that the converter's calls make a second round of batched requests.
    '    options: { n_revisions: 1, conversion: llm }',
    `    models: { generator: ${batchModel}, converter: ${onlineConverter ? onlineModel : batchModel} }`,
    '',
  ].join('\n');
}

let provider;
let server;
let scratch;
let recipe;
const seeds = join(here, `.batch-seeds-${process.pid}.jsonl`);
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(recipe, { force: true });
  await rm(seeds, { force: true });
  await rm(scratch, { recursive: true, force: true });
});

/** Runs the CLI; with `killWhen`, SIGKILLs it as soon as `killWhen()` turns true (checked every 5 ms). */
function synthkit(args, { cacheDirectory, killWhen }) {
  const child = spawn(process.execPath, [binary, ...args], {
    env: { ...process.env, ...provider.environment(server), SYNTHKIT_CACHE_DIR: cacheDirectory },
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

/** The job creations the server received since request number `since`. */
const creations = (since) => server.requests.slice(since).filter((request) => request.method === 'POST' && request.path === provider.createPath);

/** Custom ids of every request the server received in a job creation. */
async function submittedCustomIds(since) {
  const ids = [];
  for (const creation of creations(since)) ids.push(...(await provider.customIdsOf(server, creation)));
  return ids;
}

/** Online runs by provider and recipe variant: the same for every test, so each is made once. */
const onlineRuns = new Map();

/** The online run every batch run is compared with. */
async function onlineRun(options = {}) {
  const key = `${provider.name} ${JSON.stringify(options)}`;
  if (!onlineRuns.has(key)) {
    await writeFile(recipe, recipeText({ ...options, provider, batch: false }));
    const out = join(scratch, 'online');
    const online = await synthkit(['run', recipe, '--out', out], { cacheDirectory: join(scratch, 'online-cache') });
    expect(online.stderr).not.toContain('error');
    expect(online.code).toBe(0);
    expect(server.batchesCreated).toBe(0);
    onlineRuns.set(key, { records: await lines(join(out, 'data.jsonl')), report: JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) });
  }
  return onlineRuns.get(key);
}

describe.each(providers)('a recipe with a batch model ($name)', (tested) => {
  const { batchModel, onlineModel } = tested;
  beforeEach(async () => {
    provider = tested;
    scratch = await mkdtemp(join(tmpdir(), 'synthkit-batch-'));
    recipe = join(here, `.batch-${process.pid}.yaml`);
    await writeFile(seeds, seedTopics.map((topic) => JSON.stringify({ topic })).join('\n'));
  });

  it('ends with the record set of an online run, at the batch price, with its jobs in run.json', { timeout: 120_000 }, async () => {
    // Nothing is killed here: short jobs will do.
    server = await provider.start({ completionDelayMs: 200 });
    const online = await onlineRun();
    expect(online.records).toHaveLength(24);

    await writeFile(recipe, recipeText({ provider, batch: '{ window_ms: 300, poll_interval_ms: 100 }' }));
    const out = join(scratch, 'batched');
    const before = server.requests.length;
    const batched = await synthkit(['run', recipe, '--out', out], { cacheDirectory: join(scratch, 'batch-cache') });
    expect(batched.code).toBe(0);

    const records = await lines(join(out, 'data.jsonl'));
    expect(recordSet(records)).toEqual(recordSet(online.records));
    // Every record traces its batch calls as it traces online ones: one attempt each, with usage.
    const batchCalls = records.flatMap((record) => record._meta.calls.filter((entry) => entry.model === batchModel));
    expect(batchCalls).toHaveLength(2 * records.length);
    for (const entry of batchCalls) expect(entry).toMatchObject({ attempts: 1, cached: false, usage: { inputTokens: expect.any(Number), outputTokens: expect.any(Number) } });
    // The revisions went through jobs only; the questions stayed online.
    const sent = server.requests.slice(before);
    expect(sent.filter((request) => request.path === provider.onlinePath && /rewrite/i.test(request.prompt ?? ''))).toHaveLength(0);
    expect(sent.filter((request) => request.path === provider.onlinePath).length).toBeGreaterThan(0);
    const report = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
    const endpoint = report.endpoints.find((entry) => entry.label.startsWith(batchModel));
    expect(endpoint.batch).toMatchObject({ jobsInProgress: 0, requestsFailed: 0, priceFactor: 0.5 });
    expect(endpoint.batch.jobsEnded).toBe(server.batchesCreated);
    expect(report.models[batchModel].outputTokens).toBe(online.report.models[batchModel].outputTokens);
    expect(report.models[batchModel].costUsd).toBeCloseTo(online.report.models[batchModel].costUsd / 2, 4);
    expect(report.models[onlineModel].costUsd).toBe(online.report.models[onlineModel].costUsd);
  });

  it('killed with SIGKILL after submitting its job, resumed, collects that job: one submission in all', { timeout: 120_000 }, async () => {
    // Only the revisions' generator is batched, and a job holds all 24 of its requests: one job.
    server = await provider.start({ completionDelayMs: pendingJobMs });
    const online = await onlineRun({ onlineConverter: true });
    await writeFile(recipe, recipeText({ provider, batch: '{ max_requests: 24, window_ms: 60000, poll_interval_ms: 100 }', onlineConverter: true }));
    const out = join(scratch, 'crashing');
    const cacheDirectory = join(scratch, 'cache');
    const before = server.requests.length;

    // Killed as soon as the job is recorded: accepted, and still running (it takes pendingJobMs).
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
    expect(server.requests.slice(before).filter((request) => request.method === 'GET' && request.path === provider.jobPath(job.id)).length).toBeGreaterThan(0);
    expect(await recordedJobs(out)).toEqual([{ ...job, state: 'ended' }]);
    const records = await lines(join(out, 'data.jsonl'));
    expect(new Set(records.map((record) => record._id)).size).toBe(records.length);
    expect(recordSet(records)).toEqual(recordSet(online.records));
    const report = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
    expect(report.status).toBe('completed');
    expect(report.endpoints.find((entry) => entry.label.startsWith(batchModel)).batch).toMatchObject({
      jobsResumed: 1,
      jobsSubmitted: 0,
      jobsEnded: 1,
      requestsFailed: 0,
    });
  });

  it('killed with SIGKILL after its first job, over several rounds of jobs, never submits a request twice', { timeout: 120_000 }, async () => {
    server = await provider.start({ completionDelayMs: pendingJobMs });
    const online = await onlineRun();
    await writeFile(recipe, recipeText({ provider, batch: '{ window_ms: 300, poll_interval_ms: 100 }' }));
    const out = join(scratch, 'crashing');
    const cacheDirectory = join(scratch, 'cache');
    const before = server.requests.length;

    // Killed as soon as a job is recorded: the job was accepted and is still running (pendingJobMs).
    const killed = await synthkit(['run', recipe, '--out', out], { cacheDirectory, killWhen: async () => (await recordedJobs(out)).length >= 1 });
    expect(killed.signal).toBe('SIGKILL');
    const [first] = await recordedJobs(out);
    expect(first.state).toBe('submitted');
    expect(server.batchesCreated).toBe(1);

    const resumed = await synthkit(['run', recipe, '--out', out, '--resume'], { cacheDirectory });
    expect(resumed.stderr).not.toContain('unexpected error');
    expect(resumed.code).toBe(0);

    // The resumed run collected the first job (it asked about it) and never submitted a request twice.
    const afterKill = server.requests.slice(before).findIndex((request) => request.path === provider.jobPath(first.id) && request.method === 'GET');
    expect(afterKill).toBeGreaterThanOrEqual(0);
    const ids = await submittedCustomIds(before);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(first.customIds));
    const jobs = await recordedJobs(out);
    expect(jobs.map((job) => job.id)).toEqual(creations(before).map((_, index) => provider.jobId(index + 1)));
    expect(jobs.every((job) => job.state === 'ended')).toBe(true);

    const records = await lines(join(out, 'data.jsonl'));
    expect(recordSet(records)).toEqual(recordSet(online.records));
    const report = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
    expect(report.status).toBe('completed');
    expect(report.endpoints.find((entry) => entry.label.startsWith(batchModel)).batch).toMatchObject({ jobsResumed: 1, requestsFailed: 0 });
  });
});
