import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openAIPlugin from '@synthkit/provider-openai';
import { createOpenAITestServer, createTemporaryProject, textRule, type OpenAITestServer, type TemporaryProject } from '@synthkit/test-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openResponseCache, type ResponseCache } from '../gateway/response-cache';
import { compileRecipe } from '../recipe/compile-recipe';
import { createRegistry } from '../registry/create-registry';
import { createTestPlugin } from '../test-support/test-plugin';
import { runRecipe } from './run-recipe';

let project: TemporaryProject;
let server: OpenAITestServer;
const cleanups: Array<() => Promise<unknown>> = [];
beforeEach(async () => {
  project = await createTemporaryProject();
  // Answers a chat with "chat: <prompt>", and a raw completion with "completion: <its last user turn>".
  server = await createOpenAITestServer({
    rules: [
      textRule({ match: /<extra_id_1>User\n([^\n]*)\n<extra_id_1>Assistant\n$/, answer: (match) => `completion: ${match[1]}` }),
      (request) => (request.kind === 'chat' ? `chat: ${request.prompt}` : undefined),
    ],
  });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await server.close();
  await project.remove();
});

/** A two-stage recipe (two items, one question each) whose generator is `model`. */
async function runWith(model: unknown, { out, cache, stage = {} }: { out: string; cache?: ResponseCache; stage?: Record<string, unknown> }) {
  const registry = await createRegistry({ plugins: [createTestPlugin(), openAIPlugin], discover: false });
  const plan = compileRecipe({
    registry,
    directory: project.directory,
    document: {
      models: { default: model },
      params: { default: { max_tokens: 64 } },
      providers: { openai: { baseURL: server.baseURL, apiKey: 'sk-test' } },
      stages: [{ task: 'test:split', options: { count: 2 } }, { task: 'test:ask', ...stage }],
    },
  });
  const report = await runRecipe({ plan, out: join(project.directory, out), ...(cache == null ? {} : { cache }) });
  const lines = async (file: string) =>
    (await readFile(join(project.directory, out, file), 'utf8'))
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, any>);
  return { report, records: await lines('data.jsonl'), rejects: await lines('rejects.jsonl') };
}

const nemotronBase = { model: 'openai:nemotron-4-340b-base', api: 'completions', formatter: 'nemotron' };
/** The test task's template has a system part, which no formatter can write: the recipe moves it into the user turn. */
const withoutSystem = { templates: { ask: { system: '', user: 'Be plain. Tell me about {item}.' } } };

describe('a recipe with a completions model and the nemotron formatter', () => {
  it('sends each conversation to POST /v1/completions in the Nemotron format and writes the answers', async () => {
    const { report, records, rejects } = await runWith(nemotronBase, { out: 'completions', stage: withoutSystem });

    expect(report.status).toBe('completed');
    expect(rejects).toEqual([]);
    expect(records.map((record) => [record['item'], record['answer']])).toEqual([
      ['item 0', 'completion: Be plain. Tell me about item 0.'],
      ['item 1', 'completion: Be plain. Tell me about item 1.'],
    ]);
    expect(server.requests.map((request) => request.path)).toEqual(['/v1/completions', '/v1/completions']);
    expect(server.requests.map((request) => request.body).sort((a: any, b: any) => a.prompt.localeCompare(b.prompt))).toEqual(
      [0, 1].map((index) => ({
        model: 'nemotron-4-340b-base',
        prompt: `<extra_id_0>System\n\n<extra_id_1>User\nBe plain. Tell me about item ${index}.\n<extra_id_1>Assistant\n`,
        max_tokens: 64,
        stream: true,
        stream_options: { include_usage: true },
      })),
    );
    expect(records[0]?.['_meta'].calls[0]).toMatchObject({ model: 'openai:nemotron-4-340b-base', role: 'generator', attempts: 1 });
  });

  it("rejects every record with the formatter's reason when the task sends a system message, sending nothing", async () => {
    const { report, records, rejects } = await runWith(nemotronBase, { out: 'system' });

    expect(records).toEqual([]);
    expect(rejects).toHaveLength(2);
    expect(rejects[0]).toMatchObject({ stage: 'ask', kind: 'failed' });
    expect(JSON.stringify(rejects[0])).toContain('the nemotron formatter has no system role');
    expect(report.status).toBe('failed');
    expect(server.requests).toHaveLength(0);
  });

  it('never replays answers cached for the chat API, nor for another formatter, but replays its own', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'synthkit-cache-'));
    const cache = await openResponseCache(directory);
    cleanups.push(() => rm(directory, { recursive: true, force: true }), () => cache.close());
    const base = 'openai:nemotron-4-340b-base';

    const chat = await runWith(base, { out: 'chat', cache, stage: withoutSystem });
    const completions = await runWith(nemotronBase, { out: 'completions', cache, stage: withoutSystem });
    const again = await runWith(nemotronBase, { out: 'again', cache, stage: withoutSystem });
    const mixtral = await runWith({ ...nemotronBase, formatter: 'mixtral' }, { out: 'mixtral', cache, stage: withoutSystem });

    expect(chat.records.map((record) => record['answer'])).toEqual(['chat: Be plain. Tell me about item 0.', 'chat: Be plain. Tell me about item 1.']);
    expect(completions.records.map((record) => record['answer'])).toEqual([
      'completion: Be plain. Tell me about item 0.',
      'completion: Be plain. Tell me about item 1.',
    ]);
    expect(again.records.map((record) => record['answer'])).toEqual(completions.records.map((record) => record['answer']));
    expect(again.report.requests).toMatchObject({ cacheHits: 2, total: 0 });
    // Mixtral prompts match no rule of the server: sent (not replayed), and refused with a 400.
    expect(mixtral.report.requests.cacheHits).toBe(0);
    expect(server.requests.map((request) => request.path)).toEqual([
      '/v1/chat/completions',
      '/v1/chat/completions',
      '/v1/completions',
      '/v1/completions',
      '/v1/completions',
      '/v1/completions',
    ]);
    expect(server.requests.slice(4).every((request) => (request.prompt ?? '').startsWith('<s> [INST] \n'))).toBe(true);
  });
});
