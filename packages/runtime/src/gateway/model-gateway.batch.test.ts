import { setMaxListeners } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LanguageModelV1Request, ModelCallContextV1 } from '@synthkit/core';
import { createOpenAI } from '@synthkit/provider-openai';
import { createOpenAITestServer, errorRule, textRule, type OpenAITestServer, type OpenAITestServerOptions } from '@synthkit/test-server';
import { afterEach, describe, expect, it } from 'vitest';
import { PriceTable } from '../cost/price-table';
import { runCost } from '../cost/run-cost';
import { RunStatistics } from '../engine/run-statistics';
import { failureOf } from '../test-support/failure-of';
import { createMemoryBatchJobStore, type BatchJobStore } from './batch-job-store';
import { resolveEndpointSettings, type EndpointSettingsDocument } from './endpoint-settings';
import { ModelCallError } from './model-call-error';
import { createModelGateway, type GatewayModel, type ModelGatewayOptions } from './model-gateway';
import { openResponseCache } from './response-cache';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(options: OpenAITestServerOptions): Promise<OpenAITestServer> {
  const started = await createOpenAITestServer(options);
  cleanups.push(() => started.close());
  return started;
}

const echo = textRule({ match: /.*/, answer: (_match, { prompt }) => `answer to ${prompt}` });

/** A batch model (`batch: ...` under its endpoint) of the OpenAI provider on the given server. */
function batchModel(baseURL: string, batch: EndpointSettingsDocument['batch'] = { window_ms: 30, poll_interval_ms: 20 }, reference = 'openai:batched'): GatewayModel {
  return {
    reference,
    model: createOpenAI({ baseURL, apiKey: 'sk-test' }).languageModel(reference.split(':')[1]!),
    endpoint: resolveEndpointSettings([{ batch }]),
  };
}

function gatewayWith(options: Partial<ModelGatewayOptions> = {}) {
  const statistics = new RunStatistics();
  const controller = new AbortController();
  // As runPipeline does: every waiting call listens to the run's signal.
  setMaxListeners(0, controller.signal);
  const gateway = createModelGateway({ statistics, signal: controller.signal, onStop: (error) => controller.abort(error), ...options });
  cleanups.push(async () => controller.abort(new Error('test over')));
  const call = (ordinal: number, recordId = 'record'): ModelCallContextV1 => ({
    stage: 'ask',
    depth: 0,
    role: 'generator',
    recordId,
    ordinal,
    signal: controller.signal,
    trace: { attempts: 0, cached: false, waitedMs: 0 },
  });
  return { gateway, statistics, call, controller };
}

const ask = (content: string): LanguageModelV1Request => ({ messages: [{ role: 'user', content }], params: {} });

const submissions = (endpoint: OpenAITestServer) => endpoint.requests.filter((request) => request.method === 'POST' && request.path === '/v1/batches');

describe('model gateway: batch models', () => {
  it('collects the calls of a window into one job and hands every answer back to its call', async () => {
    const endpoint = await server({ rules: [echo], batches: { completionDelayMs: 50 } });
    const { gateway, statistics, call } = gatewayWith();
    const model = batchModel(endpoint.baseURL, { window_ms: 40, poll_interval_ms: 20 });

    const calls = ['a', 'b', 'c'].map((prompt, index) => call(index));
    const results = await Promise.all(calls.map((context, index) => gateway.generate(model, ask(['a', 'b', 'c'][index]!), context)));

    expect(results.map((result) => result.choices[0]!.text)).toEqual(['answer to a', 'answer to b', 'answer to c']);
    expect(endpoint.batchesCreated).toBe(1);
    expect(endpoint.requests.filter((request) => request.path === '/v1/chat/completions')).toHaveLength(0);
    expect(calls.map((context) => context.trace.attempts)).toEqual([1, 1, 1]);
    expect(statistics.model('openai:batched')).toMatchObject({ calls: 3, requests: 3, retries: 0, inFlight: 0, batchOutputTokens: 9, outputTokens: 9 });
    expect(gateway.status()[0]!.batch).toMatchObject({ queued: 0, inJobs: 0, jobsSubmitted: 1, jobsInProgress: 0, jobsEnded: 1, requestsSubmitted: 3 });
  });

  it('submits a job as soon as max_requests calls are waiting, without waiting for the window', async () => {
    const endpoint = await server({ rules: [echo] });
    const { gateway, call } = gatewayWith();
    const model = batchModel(endpoint.baseURL, { max_requests: 2, window_ms: 60_000, poll_interval_ms: 10 });

    const results = await Promise.all([0, 1, 2, 3].map((index) => gateway.generate(model, ask(`q${index}`), call(index))));

    expect(results.map((result) => result.choices[0]!.text)).toEqual(['answer to q0', 'answer to q1', 'answer to q2', 'answer to q3']);
    expect(submissions(endpoint)).toHaveLength(2);
  });

  it('keeps online models streaming while a batch model of the same run waits for its job', async () => {
    // A job that takes long enough for the online call to be answered first, even on a busy machine.
    const endpoint = await server({ rules: [echo], batches: { completionDelayMs: 2000 } });
    const { gateway, call } = gatewayWith();
    const batched = batchModel(endpoint.baseURL, { window_ms: 10, poll_interval_ms: 20 });
    const online: GatewayModel = { reference: 'openai:online', model: createOpenAI({ baseURL: endpoint.baseURL, apiKey: 'sk-test' }).languageModel('online'), endpoint: resolveEndpointSettings([]) };
    const finished: string[] = [];

    await Promise.all([
      gateway.generate(batched, ask('slow'), call(0)).then((result) => finished.push(result.choices[0]!.text)),
      gateway.generate(online, ask('fast'), call(1)).then((result) => finished.push(result.choices[0]!.text)),
    ]);

    expect(finished).toEqual(['answer to fast', 'answer to slow']);
    expect(endpoint.requests.filter((request) => request.path === '/v1/chat/completions').map((request) => request.prompt)).toEqual(['fast']);
  });

  it('resubmits expired and retryable failed requests in a later job, then answers them', async () => {
    const expired = new Set<string>();
    const endpoint = await server({
      rules: [errorRule({ match: /busy/, status: 503, message: 'overloaded', times: 1 }), echo],
      batches: {
        expire: ({ prompt }) => {
          if (prompt !== 'late' || expired.has(prompt)) return false;
          expired.add(prompt);
          return true;
        },
      },
    });
    const { gateway, statistics, call } = gatewayWith();
    const model = batchModel(endpoint.baseURL);
    const late = call(0);
    const busy = call(1);

    const results = await Promise.all([gateway.generate(model, ask('late'), late), gateway.generate(model, ask('busy'), busy)]);

    expect(results.map((result) => result.choices[0]!.text)).toEqual(['answer to late', 'answer to busy']);
    expect(submissions(endpoint)).toHaveLength(2);
    expect([late.trace.attempts, busy.trace.attempts]).toEqual([2, 2]);
    expect(statistics.model('openai:batched')).toMatchObject({ requests: 4, retries: 2, failedCalls: 0 });
    expect(gateway.status()[0]!.batch).toMatchObject({ requestsResubmitted: 2, jobsEnded: 2 });
  });

  it('fails a call with the reason after max_submissions jobs, and a request refused as it is at once', async () => {
    const endpoint = await server({
      rules: [errorRule({ match: /refused/, status: 400, message: 'prompt too long' }), echo],
      batches: { expire: ({ prompt }) => prompt === 'never' },
    });
    const { gateway, statistics, call } = gatewayWith();
    const model = batchModel(endpoint.baseURL, { window_ms: 10, poll_interval_ms: 10, max_submissions: 2 });

    const [never, refused] = await Promise.all([failureOf(gateway.generate(model, ask('never'), call(0))), failureOf(gateway.generate(model, ask('refused'), call(1)))]);

    expect(ModelCallError.isInstance(never)).toBe(true);
    expect((never as Error).message).toMatch(/openai:batched: no answer after 2 batch submissions \(endpoints\.batch\.max_submissions\); the last: .*expired/);
    expect(ModelCallError.isInstance(refused)).toBe(true);
    expect((refused as Error).message).toMatch(/HTTP 400.*prompt too long/);
    expect(submissions(endpoint)).toHaveLength(2);
    expect(statistics.model('openai:batched')).toMatchObject({ calls: 2, failedCalls: 2 });
  });

  it('resumes: calls of a job an earlier session submitted wait for that job instead of a new one', async () => {
    const endpoint = await server({ rules: [echo], batches: { completionDelayMs: 300 } });
    const store: BatchJobStore = createMemoryBatchJobStore();
    const first = gatewayWith({ batchJobs: store });
    const model = batchModel(endpoint.baseURL, { window_ms: 10, poll_interval_ms: 20 });
    const abandoned = [0, 1].map((index) => failureOf(first.gateway.generate(model, ask(`q${index}`), first.call(index))));
    while (store.jobs().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    first.controller.abort(new Error('killed'));
    await Promise.all(abandoned);
    expect(store.jobs()).toMatchObject([{ state: 'submitted', customIds: [expect.stringMatching(/^[0-9a-f]{64}$/), expect.any(String)] }]);

    const second = gatewayWith({ batchJobs: store });
    const secondModel = batchModel(endpoint.baseURL, { window_ms: 10, poll_interval_ms: 20 });
    const results = await Promise.all([0, 1, 2].map((index) => second.gateway.generate(secondModel, ask(`q${index}`), second.call(index))));

    expect(results.map((result) => result.choices[0]!.text)).toEqual(['answer to q0', 'answer to q1', 'answer to q2']);
    // q0 and q1 came from the first job; only q2 (never submitted) needed a new one.
    expect(submissions(endpoint)).toHaveLength(2);
    expect((submissions(endpoint)[1]!.body as { input_file_id: string }).input_file_id).toBeDefined();
    expect(store.jobs().map((job) => [job.customIds.length, job.state])).toEqual([
      [2, 'ended'],
      [1, 'ended'],
    ]);
    expect(second.gateway.status()[0]!.batch).toMatchObject({ jobsResumed: 1, jobsSubmitted: 1, jobsEnded: 2 });
  });

  it("stores a resumed job's answers in the cache even before their calls come back", async () => {
    const directory = await mkdtemp(join(tmpdir(), 'synthkit-batch-cache-'));
    const cache = await openResponseCache(directory);
    cleanups.push(async () => {
      await cache.close();
      await rm(directory, { recursive: true, force: true });
    });
    const endpoint = await server({ rules: [echo], batches: { completionDelayMs: 100 } });
    const store = createMemoryBatchJobStore();
    const first = gatewayWith({ batchJobs: store, cache });
    const model = batchModel(endpoint.baseURL, { window_ms: 10, poll_interval_ms: 10 });
    const abandoned = failureOf(first.gateway.generate(model, ask('q0'), first.call(0)));
    while (store.jobs().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    first.controller.abort(new Error('killed'));
    await abandoned;

    const second = gatewayWith({ batchJobs: store, cache });
    batchModel(endpoint.baseURL);
    // Creating the chain (any call) starts collecting the endpoint's pending jobs.
    await second.gateway.generate(batchModel(endpoint.baseURL, { window_ms: 10, poll_interval_ms: 10 }), ask('other'), second.call(5));
    while (store.jobs()[0]!.state !== 'ended') await new Promise((resolve) => setTimeout(resolve, 5));
    const replay = second.call(0);
    const result = await second.gateway.generate(batchModel(endpoint.baseURL), ask('q0'), replay);

    expect(result.choices[0]!.text).toBe('answer to q0');
    expect(replay.trace.cached).toBe(true);
    expect(submissions(endpoint)).toHaveLength(2);
  });

  it('checks structured output as for online calls: a repair goes into a later job', async () => {
    const endpoint = await server({
      rules: [textRule({ match: /cannot be used/, answer: '{"ok": true}' }), textRule({ match: /give json/, answer: 'not json at all' })],
    });
    const { gateway, statistics, call } = gatewayWith();
    const context = call(0);

    const result = await gateway.generate(batchModel(endpoint.baseURL), { ...ask('give json'), responseFormat: { type: 'json' } }, context);

    expect(result.choices[0]!.text).toBe('{"ok": true}');
    expect(context.trace).toMatchObject({ repairs: 1, attempts: 2, cached: false });
    expect(submissions(endpoint)).toHaveLength(2);
    expect(statistics.model('openai:batched')).toMatchObject({ formatRepairs: 1, formatFailures: 0 });
  });

  it('submits again after a passing failure to create the job, and fails at once a job refused as it is', async () => {
    const endpoint = await server({ rules: [echo] });
    let refusals = 0;
    // The first job creation answers 503: the requests go into the next job.
    const flaky = createOpenAI({
      baseURL: endpoint.baseURL,
      apiKey: 'sk-test',
      fetch: async (input, init) => {
        if (String(input).endsWith('/batches') && init?.method === 'POST' && refusals++ === 0) {
          return new Response(JSON.stringify({ error: { message: 'try later', type: 'server_error' } }), { status: 503, headers: { 'content-type': 'application/json' } });
        }
        return fetch(input, init);
      },
    }).languageModel('batched');
    const { gateway, statistics, call } = gatewayWith();
    const context = call(0);

    const result = await gateway.generate({ ...batchModel(endpoint.baseURL), model: flaky }, ask('again'), context);

    expect(result.choices[0]!.text).toBe('answer to again');
    expect(context.trace.attempts).toBe(2);
    expect(statistics.model('openai:batched')).toMatchObject({ requests: 2, retries: 1 });

    // Chat messages for a completion model without a formatter: its requests cannot be written.
    const unwritable: GatewayModel = { ...batchModel(endpoint.baseURL), reference: 'openai:base', model: createOpenAI({ baseURL: endpoint.baseURL, apiKey: 'sk-test' }).completionModel('base') };
    const failure = await failureOf(gateway.generate(unwritable, ask('chat'), call(1)));
    expect(ModelCallError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/^openai:base: could not submit a batch job to .*no conversation formatter/);
    expect(endpoint.batchesCreated).toBe(1);
  });

  it('fails the calls of a job it cannot ask about 20 times in a row', async () => {
    const endpoint = await server({ rules: [echo] });
    const unreachable = createOpenAI({
      baseURL: endpoint.baseURL,
      apiKey: 'sk-test',
      fetch: async (input, init) =>
        /\/batches\/[^/]+$/.test(String(input))
          ? new Response(JSON.stringify({ error: { message: 'bad gateway', type: 'server_error' } }), { status: 502, headers: { 'content-type': 'application/json' } })
          : fetch(input, init),
    }).languageModel('batched');
    const store = createMemoryBatchJobStore();
    const { gateway, call } = gatewayWith({ batchJobs: store });

    const failure = await failureOf(gateway.generate({ ...batchModel(endpoint.baseURL, { window_ms: 1, poll_interval_ms: 1 }), model: unreachable }, ask('lost'), call(0)));

    expect(ModelCallError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/could not ask .* about batch job batch_testkit_1: .*502.*\(20 looks in a row failed\)/);
    expect(endpoint.requests.filter((request) => request.path === '/v1/batches/batch_testkit_1')).toHaveLength(0);
    expect(store.jobs()).toMatchObject([{ id: 'batch_testkit_1', state: 'submitted' }]);
  });

  it('looks again at a job that is briefly unknown (404), and bounds failures to read its results', async () => {
    const endpoint = await server({ rules: [echo] });
    let notFound = 3;
    const flaky = createOpenAI({
      baseURL: endpoint.baseURL,
      apiKey: 'sk-test',
      fetch: async (input, init) =>
        /\/batches\/[^/]+$/.test(String(input)) && notFound-- > 0
          ? new Response(JSON.stringify({ error: { message: 'No batch found', type: 'invalid_request_error' } }), { status: 404, headers: { 'content-type': 'application/json' } })
          : fetch(input, init),
    }).languageModel('batched');
    const { gateway, call, controller } = gatewayWith({ batchJobs: createMemoryBatchJobStore() });

    const answer = await gateway.generate({ ...batchModel(endpoint.baseURL, { window_ms: 1, poll_interval_ms: 1 }), model: flaky }, ask('soon'), call(0));
    expect(answer.choices[0]?.text).toBe('answer to soon');
    expect(controller.signal.aborted, 'a 404 about a job does not stop the run').toBe(false);

    const unreadable = createOpenAI({
      baseURL: endpoint.baseURL,
      apiKey: 'sk-test',
      fetch: async (input, init) =>
        /\/files\/[^/]+\/content$/.test(String(input))
          ? new Response(JSON.stringify({ error: { message: 'upstream', type: 'server_error' } }), { status: 503, headers: { 'content-type': 'application/json' } })
          : fetch(input, init),
    }).languageModel('other');
    const failure = await failureOf(gateway.generate({ ...batchModel(endpoint.baseURL, { window_ms: 1, poll_interval_ms: 1 }, 'openai:other'), model: unreadable }, ask('never'), call(1)));
    expect(ModelCallError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/could not read the results of batch job batch_testkit_2 .*\(20 looks in a row failed\)/);
  });

  it('prices batch answers at the batch discount', async () => {
    const endpoint = await server({ rules: [echo] });
    const { gateway, statistics, call } = gatewayWith();
    const online: GatewayModel = { reference: 'openai:online', model: createOpenAI({ baseURL: endpoint.baseURL, apiKey: 'sk-test' }).languageModel('online'), endpoint: resolveEndpointSettings([]) };

    await gateway.generate(batchModel(endpoint.baseURL), ask('same words here'), call(0));
    await gateway.generate(online, ask('same words here'), call(1));
    const prices = new PriceTable({ 'openai:batched': { input: 1, output: 2 }, 'openai:online': { input: 1, output: 2 } });
    const cost = runCost(statistics, prices);

    // 3 input and 5 output words each: online 3×1 + 5×2 = 13 per million tokens; batched half.
    expect(cost.byModel['openai:online']).toBeCloseTo(13 / 1e6, 12);
    expect(cost.byModel['openai:batched']).toBeCloseTo(6.5 / 1e6, 12);
  });
});
