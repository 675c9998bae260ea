import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defineTask, definePlugin, InvalidRecipeError, type JsonRecord } from '@synthkit/core';
import openAIPlugin from '@synthkit/provider-openai';
import { createOpenAITestServer, createTemporaryProject, errorRule, rewardRule, type OpenAITestServer, type TemporaryProject } from '@synthkit/test-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openResponseCache } from '../gateway/response-cache';
import { compileRecipe } from '../recipe/compile-recipe';
import { createRegistry } from '../registry/create-registry';
import { runRecipe } from '../run/run-recipe';
import { checkModels } from '../run/check-models';
import { dryRunRecipe } from '../run/dry-run-recipe';
import { createTestPlugin } from '../test-support/test-plugin';

/** Scores the answer with the reward model and measures how close it is to its prompt with the embedder. */
const rank = defineTask({
  description: 'Scores an answer and its closeness to the prompt.',
  options: z.object({}),
  input: z.object({ prompt: z.string(), answer: z.string() }),
  output: z.object({ helpfulness: z.number(), similarity: z.number() }),
  models: {},
  rewardModels: { reward: 'Scores the answer.' },
  embeddingModels: { embedder: 'Embeds the prompt and the answer.' },
  templates: {},
  async run(input, context) {
    const { scores } = await context.score({
      role: 'reward',
      messages: [
        { role: 'user', content: input.prompt },
        { role: 'assistant', content: input.answer },
      ],
    });
    const { embeddings } = await context.embed({ role: 'embedder', texts: [input.prompt, input.answer] });
    const [a, b] = embeddings as [number[], number[]];
    const dot = a.reduce((sum, value, index) => sum + value * b[index]!, 0);
    return [{ helpfulness: scores['helpfulness']!, similarity: dot / (Math.hypot(...a) * Math.hypot(...b)) }];
  },
});

const rankPlugin = definePlugin({ specificationVersion: 'v1', meta: { name: 'rank-plugin', version: '1.0.0', namespace: 'rank' }, tasks: { rank } });

let project: TemporaryProject;
let server: OpenAITestServer | undefined;
beforeEach(async () => {
  project = await createTemporaryProject();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await project.remove();
});

const seeds = [
  { prompt: 'Name a primary colour.', answer: 'Red.' },
  { prompt: 'What is two plus two?', answer: 'Two plus two is four, because adding two twice gives four.' },
  { prompt: 'Say hello.', answer: 'Hello there, friend.' },
];

async function compile(document: object, overrides = {}) {
  await project.write('seeds.jsonl', `${seeds.map((seed) => JSON.stringify(seed)).join('\n')}\n`);
  const registry = await createRegistry({ plugins: [rankPlugin, openAIPlugin, createTestPlugin()], discover: false });
  return compileRecipe({ registry, directory: project.directory, document, overrides });
}

async function issuesOf(document: object, overrides = {}) {
  const error = await compile(document, overrides).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(InvalidRecipeError.isInstance(error)).toBe(true);
  return (error as InvalidRecipeError).issues;
}

function recipe(baseURL: string, extra: object = {}) {
  return {
    providers: { openai: { baseURL, apiKey: 'sk-test' } },
    models: { default: 'openai:writer', reward: 'openai:nvidia/nemotron-4-340b-reward', embedder: 'openai:embedder' },
    stages: [{ source: 'seeds.jsonl' }, { task: 'rank:rank' }],
    ...extra,
  };
}

describe('reward and embedding models of a task', () => {
  it('go through the gateway: retried, counted per model, traced with their scores, replayed from the cache', async () => {
    server = await createOpenAITestServer({
      rules: [
        // The first reward request is refused once: the engine retries it.
        errorRule({ status: 503, message: 'Busy.', headers: { 'retry-after-ms': '5' }, times: 1 }),
        rewardRule({ scores: (messages) => ({ helpfulness: messages.at(-1)!.content.length / 10, verbosity: 1 }) }),
      ],
    });
    const plan = await compile(recipe(server.baseURL));
    const cache = await openResponseCache(join(project.directory, 'cache'));
    const report = await runRecipe({ plan, out: join(project.directory, 'out'), cache });
    await cache.close();

    expect(report.status).toBe('completed');
    const records = (await readFile(join(project.directory, 'out/data.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as JsonRecord);
    expect(records.map((record) => [record['prompt'], record['helpfulness']])).toEqual(
      expect.arrayContaining(seeds.map((seed) => [seed.prompt, seed.answer.length / 10])),
    );
    // The embedder (the test server's vectors are a function of the text) is asked once per record, for both texts.
    const embeddingRequests = server.requests.filter((request) => request.path === '/v1/embeddings');
    expect(embeddingRequests.map((request) => (request.body as { input: string[] }).input).sort()).toEqual(
      seeds.map((seed) => [seed.prompt, seed.answer]).sort(),
    );
    for (const record of records) expect(record['similarity']).toBeGreaterThan(-1.0001);
    const calls = (records[0]!['_meta'] as { calls: JsonRecord[] }).calls;
    expect(calls).toEqual([
      expect.objectContaining({ role: 'reward', kind: 'reward', model: 'openai:nvidia/nemotron-4-340b-reward', scores: expect.objectContaining({ verbosity: 1 }) }),
      expect.objectContaining({ role: 'embedder', kind: 'embedding', model: 'openai:embedder', usage: { inputTokens: expect.any(Number) } }),
    ]);
    const chat = server.requests.filter((request) => request.path === '/v1/chat/completions');
    expect(chat).toHaveLength(4);
    expect(report.models['openai:nvidia/nemotron-4-340b-reward']).toMatchObject({ requests: 4, calls: 3 });
    expect(report.models['openai:embedder']).toMatchObject({ requests: 3, calls: 3 });

    // A second run with the same cache sends nothing.
    const sent = server.requests.length;
    const again = await openResponseCache(join(project.directory, 'cache'));
    const second = await runRecipe({ plan: await compile(recipe(server.baseURL)), out: join(project.directory, 'out-2'), cache: again });
    await again.close();
    expect(second.status).toBe('completed');
    expect(server.requests.length).toBe(sent);
  });

  it('are bound by name only: default never serves them, and the errors say what to write', async () => {
    expect(await issuesOf({ models: { default: 'openai:writer' }, providers: { openai: { apiKey: 'sk' } }, stages: [{ source: 'seeds.jsonl' }, { task: 'rank:rank' }] })).toEqual([
      { path: 'stages[1].models.reward', message: expect.stringMatching(/^task rank:rank needs a reward model for its role "reward" \(Scores the answer\.\), and `default` never serves a reward role\. Set models\.reward .* e\.g\. reward: openai:nvidia\/nemotron-4-340b-reward, or run with --mock\.$/) },
      { path: 'stages[1].models.embedder', message: expect.stringContaining('task rank:rank needs an embedding model for its role "embedder"') },
    ]);
    expect(
      await issuesOf({
        models: { default: 'echo:small', reward: 'echo:judge', embedder: 'openai:embedder' },
        providers: { openai: { apiKey: 'sk' } },
        params: { reward: { temperature: 0 } },
        stages: [{ source: 'seeds.jsonl' }, { task: 'rank:rank', models: { rewrd: 'openai:x' } }],
      }),
    ).toEqual(
      expect.arrayContaining([
        { path: 'models.reward', message: expect.stringContaining('provider "echo" offers no reward models, and this role needs one.') },
        { path: 'stages[1].models.rewrd', message: expect.stringContaining('its roles are: reward, embedder. Did you mean "reward"?') },
      ]),
    );
    // --model replaces language roles only; the scoring override (what --mock sets) replaces these.
    const plan = await compile(recipe('http://127.0.0.1:9'), { model: 'echo:small', scoringModel: 'openai:other' });
    const stage = plan.stages[1];
    if (stage?.kind !== 'task') throw new Error('expected a task stage');
    expect(stage.rewardModels?.['reward']?.reference).toBe('openai:other');
    expect(stage.embeddingModels?.['embedder']?.reference).toBe('openai:other');
  });

  it('need a model only for the roles scoringRoles() says a stage with its options calls', async () => {
    const maybe = defineTask({
      description: 'Scores the answer when asked to.',
      options: z.object({ scored: z.boolean().default(false), broken: z.boolean().default(false) }).strict(),
      input: z.object({ answer: z.string() }),
      output: z.object({ score: z.number() }),
      models: {},
      rewardModels: { reward: 'Scores the answer.' },
      templates: {},
      scoringRoles: (options) => (options.broken ? ('reward' as never) : options.scored ? ['reward'] : []),
      async run(input, context) {
        if (!context.options.scored) return [{ score: 0 }];
        const { scores } = await context.score({ role: 'reward', messages: [{ role: 'assistant', content: input.answer }] });
        return [{ score: scores['helpfulness']! }];
      },
    });
    const registry = await createRegistry({
      plugins: [definePlugin({ specificationVersion: 'v1', meta: { name: 'maybe-plugin', version: '1.0.0', namespace: 'maybe' }, tasks: { maybe } }), createTestPlugin()],
      discover: false,
    });
    await project.write('seeds.jsonl', `${seeds.map((seed) => JSON.stringify(seed)).join('\n')}\n`);
    const compileWith = (options: object) =>
      compileRecipe({ registry, directory: project.directory, document: { models: { default: 'echo:small' }, stages: [{ source: 'seeds.jsonl' }, { task: 'maybe:maybe', options }] } });
    const unscored = compileWith({}).stages[1];
    expect(unscored?.kind === 'task' ? unscored.rewardModels : 'not a task').toEqual({});
    const issues = (options: object) => {
      try {
        compileWith(options);
        return [];
      } catch (error) {
        return InvalidRecipeError.isInstance(error) ? error.issues.map(({ path, message }) => `${path}: ${message}`) : [String(error)];
      }
    };
    expect(issues({ scored: true })).toEqual([expect.stringMatching(/^stages\[1\]\.models\.reward: task maybe:maybe needs a reward model for its role "reward"/)]);
    // A broken scoringRoles() is reported, and every declared role is then required.
    expect(issues({ broken: true })).toEqual([
      expect.stringContaining('stages[1].task: task maybe:maybe is broken: its scoringRoles() returned "reward", not a list of role names.'),
      expect.stringContaining('stages[1].models.reward: task maybe:maybe needs a reward model'),
    ]);
  });

  it('are checked by models check and shown by a dry run', async () => {
    server = await createOpenAITestServer({ rules: [rewardRule({ scores: { helpfulness: 2 } })] });
    const plan = await compile(recipe(server.baseURL));
    const checks = await checkModels(plan);
    expect(checks.map((check) => [check.reference, check.usedBy, check.status])).toEqual([
      ['openai:nvidia/nemotron-4-340b-reward', ['rank.reward'], 'ok'],
      ['openai:embedder', ['rank.embedder'], 'ok'],
    ]);
    const dry = await dryRunRecipe(await compile(recipe(server.baseURL)));
    expect(dry[1]?.prompts).toEqual([
      { role: 'reward', model: 'openai:nvidia/nemotron-4-340b-reward', messages: [{ role: 'user', content: seeds[0]!.prompt }, { role: 'assistant', content: seeds[0]!.answer }] },
      { role: 'embedder', model: 'openai:embedder', messages: [{ role: 'user', content: seeds[0]!.prompt }, { role: 'user', content: seeds[0]!.answer }] },
    ]);
  });
});
