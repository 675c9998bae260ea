// The provider inside the synthkit engine: the gateway splits n into one request per choice, a
// recipe naming `anthropic:<model>` runs end to end through runRecipe, retrying a 429, and a model
// marked `batch: true` goes through Message Batches next to an online one.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { definePlugin, type JsonRecord, type TaskV1, z } from '@synthkit/core';
import { compileRecipe, createRegistry, runRecipe } from '@synthkit/runtime';
import {
  type AnthropicTestServer,
  createAnthropicTestServer,
  createTemporaryProject,
  errorRule,
  runTask,
  type TemporaryProject,
  textRule,
} from '@synthkit/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropic } from './create-anthropic';
import anthropicPlugin from './index';

let server: AnthropicTestServer | undefined;
let project: TemporaryProject | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  await project?.remove();
  project = undefined;
});

/** Asks the generator about an item, for `n` answers, and emits one record per answer. */
const ask: TaskV1<{ n: number }, { item: string }, { item: string; answer: string }> = {
  specificationVersion: 'v1',
  description: 'Asks the generator about an item, n times.',
  options: z.object({ n: z.number().int().positive().default(1) }).strict(),
  input: z.object({ item: z.string() }),
  output: z.object({ item: z.string(), answer: z.string() }),
  models: { generator: 'Answers.' },
  templates: {
    ask: { specificationVersion: 'v1', name: 'ask', system: 'Be brief.', user: 'Tell me about {item}.', variables: ['item'] },
  },
  async run(input, context) {
    const { texts } = await context.generate({
      role: 'generator',
      template: 'ask',
      variables: { item: input.item },
      params: { n: context.options.n },
    });
    return texts.map((answer) => ({ item: input.item, answer }));
  },
};

/** Emits `count` items, for recipes that start from nothing. */
const items: TaskV1<{ count: number }, JsonRecord, { item: string }> = {
  specificationVersion: 'v1',
  description: 'Emits `count` items.',
  options: z.object({ count: z.number().int().positive() }).strict(),
  input: z.object({}),
  output: z.object({ item: z.string() }),
  models: {},
  templates: {},
  async run(_input, context) {
    return Array.from({ length: context.options.count }, (_, index) => ({ item: `item ${index}` }));
  },
};

const testPlugin = definePlugin({
  specificationVersion: 'v1',
  meta: { name: 'synthkit-plugin-engine-test', version: '1.0.0', namespace: 'test' },
  tasks: { ask, items },
});

/** Answers each request with its prompt and how many requests came before, so every answer differs. */
function countingRule() {
  let count = 0;
  return textRule({ match: /Tell me about (.+)\./, answer: (match) => `Answer ${count++} about ${match[1]}` });
}

describe('the Anthropic provider in the engine', () => {
  it('gets n choices as n requests: the gateway splits n, since the Messages API has none', async () => {
    server = await createAnthropicTestServer({ rules: [countingRule()] });
    const model = createAnthropic({ baseURL: server.baseURL, apiKey: 'key' }).languageModel('claude-test');

    const { records, calls } = await runTask(ask, { options: { n: 3 }, input: { item: 'tea' }, models: model });

    expect(records.map((record) => record.answer).sort()).toEqual(['Answer 0 about tea', 'Answer 1 about tea', 'Answer 2 about tea']);
    expect(server.requests).toHaveLength(3);
    for (const request of server.requests) {
      expect(request.body).not.toHaveProperty('n');
      expect(request.body).toMatchObject({ system: 'Be brief.', messages: [{ role: 'user', content: 'Tell me about tea.' }] });
    }
    expect(calls).toEqual([expect.objectContaining({ model: 'anthropic:claude-test', role: 'generator' })]);
  });

  it('runs a recipe naming anthropic:<model> through runRecipe, retrying 429s until the answers come', async () => {
    server = await createAnthropicTestServer({
      apiKey: 'sk-ant-recipe',
      rules: [
        errorRule({ status: 429, message: 'Number of requests has exceeded your rate limit.', headers: { 'retry-after': '0' }, times: 2 }),
        textRule({ match: /Tell me about (.+)\./, answer: (match) => `All about ${match[1]}` }),
      ],
      rateLimit: { requestsPerMinute: 1000 },
    });
    project = await createTemporaryProject();
    const registry = await createRegistry({ plugins: [testPlugin, anthropicPlugin], discover: false });
    const plan = compileRecipe({
      registry,
      directory: project.directory,
      document: {
        models: { default: 'anthropic:claude-test' },
        params: { default: { temperature: 0.5, max_tokens: 64 } },
        providers: { anthropic: { baseURL: server.baseURL, apiKey: 'sk-ant-recipe' } },
        endpoints: { default: { concurrency: 2 } },
        stages: [{ task: 'test:items', options: { count: 4 } }, { task: 'test:ask' }],
      },
    });

    const report = await runRecipe({ plan, out: join(project.directory, 'out') });
    const records = (await readFile(join(project.directory, 'out', 'data.jsonl'), 'utf8'))
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { item: string; answer: string; _meta: { calls: Array<Record<string, unknown>> } });

    expect(report.status).toBe('completed');
    expect(records.map((record) => record.answer).sort()).toEqual(['All about item 0', 'All about item 1', 'All about item 2', 'All about item 3']);
    expect(report.requests).toMatchObject({ calls: 4, total: 6, retries: 2, failedCalls: 0 });
    expect(server.requests).toHaveLength(6);
    expect(server.requests.every((request) => request.headers['authorization'] === 'Bearer sk-ant-recipe')).toBe(true);
    expect(server.requests[0]?.body).toMatchObject({ model: 'claude-test', temperature: 0.5, max_tokens: 64 });
    const call = records[0]?._meta.calls.at(-1);
    expect(call).toMatchObject({ model: 'anthropic:claude-test', role: 'generator' });
    expect(records.map((record) => record._meta.calls.at(-1)?.['attempts']).reduce((sum, attempts) => Number(sum) + Number(attempts), 0)).toBe(6);
    expect(JSON.stringify(report)).not.toContain('sk-ant-recipe');
  });

  it('runs a batch: true model next to an online one: the records of an all-online run, the batch model at half price', async () => {
    server = await createAnthropicTestServer({
      rules: [textRule({ match: /Tell me about (.+)\./, answer: (match, request) => `${request.model} on ${match[1]}` })],
      batches: { completionDelayMs: 50 },
    });
    project = await createTemporaryProject();
    const registry = await createRegistry({ plugins: [testPlugin, anthropicPlugin], discover: false });
    /** Items asked about online first, then again (overwriting the answer) on `claude-batch`, batched or not. */
    const run = async (name: string, batch: boolean) => {
      const plan = compileRecipe({
        registry,
        directory: project!.directory,
        document: {
          models: { default: 'anthropic:claude-online' },
          params: { default: { max_tokens: 64 } },
          prices: { 'anthropic:claude-online': { input: 1000, output: 2000 }, 'anthropic:claude-batch': { input: 1000, output: 2000 } },
          providers: { anthropic: { baseURL: server!.baseURL, apiKey: 'sk-ant-recipe' } },
          endpoints: { 'anthropic:claude-batch': { batch: batch ? { window_ms: 20, poll_interval_ms: 20 } : false } },
          stages: [
            { task: 'test:items', options: { count: 6 } },
            { task: 'test:ask' },
            { task: 'test:ask', name: 'ask-again', models: { generator: 'anthropic:claude-batch' } },
          ],
        },
      });
      const out = join(project!.directory, name);
      const report = await runRecipe({ plan, out });
      const records = (await readFile(join(out, 'data.jsonl'), 'utf8'))
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as { _meta: unknown });
      return { report, records: records.map(({ _meta, ...fields }) => JSON.stringify(fields)).sort() };
    };

    const online = await run('online', false);
    const requestsOnline = server.requests.length;
    const batched = await run('batched', true);
    const sent = server.requests.slice(requestsOnline);

    expect(batched.report.status).toBe('completed');
    expect(batched.records).toEqual(online.records);
    expect(batched.records[0]).toContain('claude-batch on item');
    // The batch model's calls went into jobs; the online model's stayed online.
    expect(sent.filter((request) => request.path === '/v1/messages').map((request) => (request.body as { model: string }).model)).toEqual(Array(6).fill('claude-online'));
    expect(sent.filter((request) => request.method === 'POST' && request.path === '/v1/messages/batches').length).toBeGreaterThan(0);
    expect(batched.report.endpoints.find((endpoint) => endpoint.label.startsWith('anthropic:claude-batch'))?.batch).toMatchObject({
      jobsInProgress: 0,
      requestsFailed: 0,
      jobsEnded: server.batchesCreated,
    });
    const cost = (report: typeof online.report, model: string) => report.models[model]?.costUsd ?? Number.NaN;
    expect(batched.report.models['anthropic:claude-batch']?.outputTokens).toBe(online.report.models['anthropic:claude-batch']?.outputTokens);
    expect(cost(batched.report, 'anthropic:claude-batch')).toBeCloseTo(cost(online.report, 'anthropic:claude-batch') / 2, 3);
    expect(cost(online.report, 'anthropic:claude-batch')).toBeGreaterThan(0.01);
    expect(cost(batched.report, 'anthropic:claude-online')).toBe(cost(online.report, 'anthropic:claude-online'));
  });
});
