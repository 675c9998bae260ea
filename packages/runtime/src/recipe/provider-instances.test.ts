import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidRecipeError } from '@synthkit/core';
import openAIPlugin from '@synthkit/provider-openai';
import { createOpenAITestServer, createTemporaryProject, textRule, type OpenAITestServer, type TemporaryProject } from '@synthkit/test-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRegistry } from '../registry/create-registry';
import { runRecipe } from '../run/run-recipe';
import { createTestPlugin } from '../test-support/test-plugin';
import { compileRecipe } from './compile-recipe';

let project: TemporaryProject;
const servers: OpenAITestServer[] = [];
beforeEach(async () => {
  project = await createTemporaryProject();
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  await project.remove();
});

async function compile(document: object) {
  const registry = await createRegistry({ plugins: [createTestPlugin(), openAIPlugin], discover: false });
  return compileRecipe({ registry, directory: project.directory, document });
}

async function issuesOf(document: object) {
  const error = await compile(document).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(InvalidRecipeError.isInstance(error)).toBe(true);
  return (error as InvalidRecipeError).issues;
}

describe('provider instances: a second endpoint of the same provider under a name of its own', () => {
  it('sends each instance\'s models to its own endpoint, with its own settings and endpoint limits', async () => {
    const answer = (name: string) => textRule({ match: /[\s\S]*/, answer: (match) => `${name}: ${match[0]}` });
    const hosted = await createOpenAITestServer({ rules: [answer('hosted')] });
    const local = await createOpenAITestServer({ rules: [answer('local')] });
    servers.push(hosted, local);
    const plan = await compile({
      providers: {
        openai: { baseURL: hosted.baseURL, apiKey: 'sk-hosted' },
        local: { provider: 'openai', baseURL: local.baseURL, apiKey: 'sk-local', stream: false },
      },
      models: { default: 'openai:big' },
      endpoints: { local: { concurrency: 3 } },
      stages: [
        { task: 'test:split', options: { count: 2 } },
        { task: 'test:ask', name: 'draft', models: { generator: 'local:small' } },
        { task: 'test:ask', name: 'final' },
      ],
    });
    const draft = plan.stages[1];
    if (draft?.kind !== 'task') throw new Error('expected a task stage');
    expect(draft.models.generator?.endpoint.concurrency).toBe(3);

    const report = await runRecipe({ plan, out: join(project.directory, 'out') });

    expect(report.status).toBe('completed');
    expect(local.requests.map((request) => request.body)).toEqual([
      expect.objectContaining({ model: 'small' }),
      expect.objectContaining({ model: 'small' }),
    ]);
    expect(local.requests.every((request) => request.headers['authorization'] === 'Bearer sk-local' && !(request.body as { stream?: boolean }).stream)).toBe(true);
    expect(hosted.requests.every((request) => request.headers['authorization'] === 'Bearer sk-hosted' && (request.body as { model: string }).model === 'big')).toBe(true);
    expect(hosted.requests).toHaveLength(2);
    expect(Object.keys(report.models).sort()).toEqual(['local:small', 'openai:big']);
    const records = (await readFile(join(project.directory, 'out/data.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { answer: string });
    expect(records.map((record) => record.answer.split(':')[0])).toEqual(['hosted', 'hosted']);
  });

  it('reports an instance of an unknown provider, a name taken by a loaded provider, and a missing provider key', async () => {
    const base = { models: { default: 'echo:small' }, stages: [{ task: 'test:split', options: { count: 1 } }] };
    expect(await issuesOf({ ...base, providers: { mine: { provider: 'nope' } } })).toEqual([
      { path: 'providers.mine.provider', message: 'must name a loaded provider (echo, openai); got "nope".' },
    ]);
    expect((await issuesOf({ ...base, providers: { echo: { provider: 'openai' } } }))[0]).toMatchObject({
      path: 'providers.echo.provider',
      message: expect.stringContaining('"echo" is a loaded provider itself'),
    });
    expect((await issuesOf({ ...base, providers: { mine: { baseURL: 'http://x' } } }))[0]?.message).toContain(
      'For a second instance of one of them (another endpoint), add provider: <its name>',
    );
    // An instance's settings are its provider's: checked with its schema where a model uses it.
    expect(
      (
        await issuesOf({
          models: { default: 'mine:m' },
          providers: { mine: { provider: 'openai', base_url: 'http://x' } },
          stages: [{ task: 'test:split', options: { count: 1 } }, { task: 'test:ask' }],
        })
      )[0]?.path,
    ).toBe('providers.mine');
  });

  it('takes provider_options by provider name, which is what models read, and says so for an instance name', async () => {
    const recipe = {
      providers: { local: { provider: 'openai', baseURL: 'http://127.0.0.1:1/v1', apiKey: 'sk-local' } },
      models: { default: 'local:small' },
      stages: [{ task: 'test:split', options: { count: 1 } }, { task: 'test:ask' }],
    };
    // openai declares no options schema: whatever an OpenAI-compatible server takes is passed on.
    const plan = await compile({ ...recipe, params: { default: { provider_options: { openai: { top_k: 40, guided_json: {} } } } } });
    expect(plan.stages[1]?.kind === 'task' && plan.stages[1].models.generator?.defaultParams).toEqual({
      providerOptions: { openai: { top_k: 40, guided_json: {} } },
    });
    expect(await issuesOf({ ...recipe, params: { generator: { provider_options: { local: { top_k: 40 } } } } })).toEqual([
      {
        path: 'params.generator.provider_options.local',
        message:
          '"local" is an instance of openai, and models read their options by provider, not by instance: write them under provider_options.openai. ' +
          "Every openai model receives those, local's included; to send them to local's models alone, set them in the params of the roles that use it.",
      },
    ]);
  });
});
