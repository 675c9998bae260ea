import { APICallError } from '@synthkit/core';
import { createOpenAITestServer, errorRule, type OpenAITestServer, type OpenAITestServerOptions, textRule } from '@synthkit/test-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAI } from './create-openai';

let server: OpenAITestServer | undefined;
afterEach(() => server?.close());

/** A chat model from `createOpenAI` (so requests go through its HTTP fetch) against a test server. */
async function modelOn(options: OpenAITestServerOptions) {
  server = await createOpenAITestServer(options);
  return createOpenAI({ baseURL: server.baseURL, apiKey: 'sk-test' }).languageModel('gpt-test');
}

const ask = (prompt: string, extra: Record<string, unknown> = {}) => ({ messages: [{ role: 'user' as const, content: prompt }], params: { ...extra } });

describe('OpenAIBatchApi', () => {
  it('uploads the requests as JSONL through the provider fetch, creates a 24 h chat job, polls it and reads every answer', async () => {
    const model = await modelOn({
      rules: [textRule({ match: /.*/, answer: (_match, { prompt }) => `answer to ${prompt}` })],
    });

    const job = await model.batch.doSubmit([
      { customId: 'first', request: ask('one', { maxTokens: 50, temperature: 0.2 }) },
      { customId: 'second', request: ask('two') },
    ]);
    const status = await model.batch.doPoll(job);
    const entries = await model.batch.doResults(job);

    expect(status).toMatchObject({ state: 'ended', counts: { total: 2, succeeded: 2, failed: 0 } });
    expect(Date.parse(status.expiresAt!)).toBeGreaterThan(Date.now());
    expect(entries.map((entry) => [entry.customId, entry.result?.choices[0]?.text, entry.result?.choices[0]?.finishReason])).toEqual([
      ['first', 'answer to one', 'stop'],
      ['second', 'answer to two', 'stop'],
    ]);
    expect(entries[0]!.result!.usage).toEqual({ inputTokens: 1, outputTokens: 3, cachedInputTokens: undefined });
    const upload = server!.requests.find((request) => request.path === '/v1/files')!;
    expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload.headers['authorization']).toBe('Bearer sk-test');
    const created = server!.requests.find((request) => request.path === '/v1/batches')!;
    expect(created.body).toMatchObject({ endpoint: '/v1/chat/completions', completion_window: '24h' });
    expect(server!.batchesCreated).toBe(1);
  });

  it('sends each request with the body the model sends online, never streamed', async () => {
    const model = await modelOn({ rules: [textRule({ match: /.*/, answer: 'ok' })] });
    let captured: string | undefined;
    const recording = createOpenAI({
      baseURL: server!.baseURL,
      apiKey: 'sk-test',
      fetch: async (input, init) => {
        if (init?.body instanceof FormData) captured = await (init.body.get('file') as File).text();
        return fetch(input, init);
      },
    }).languageModel('gpt-test');

    await recording.batch.doSubmit([{ customId: 'a', request: { ...ask('hi', { maxTokens: 5, seed: 7 }), responseFormat: { type: 'json' } } }]);

    expect(model.batch.priceFactor).toBe(0.5);
    expect(JSON.parse(captured!.trim())).toEqual({
      custom_id: 'a',
      method: 'POST',
      url: '/v1/chat/completions',
      body: { model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }], response_format: { type: 'json_object' }, max_tokens: 5, seed: 7 },
    });
  });

  it('reports failed requests with their status and whether a resubmission may help, and expired ones as expired', async () => {
    const model = await modelOn({
      rules: [errorRule({ match: /bad/, status: 400, message: 'prompt too long' }), errorRule({ match: /busy/, status: 503, message: 'overloaded' }), textRule({ match: /.*/, answer: 'fine' })],
      batches: { expire: ({ customId }) => customId === 'late' },
    });

    const job = await model.batch.doSubmit(['ok', 'late', 'bad', 'busy'].map((id) => ({ customId: id, request: ask(`${id} request`) })));
    const status = await model.batch.doPoll(job);
    const entries = Object.fromEntries((await model.batch.doResults(job)).map((entry) => [entry.customId, entry]));

    expect(status.state).toBe('ended');
    expect(entries['ok']!.result?.choices[0]?.text).toBe('fine');
    expect(entries['late']!.error).toMatchObject({ reason: 'expired', retryable: true });
    expect(entries['bad']!.error).toMatchObject({ reason: 'failed', statusCode: 400, retryable: false, message: expect.stringContaining('prompt too long') });
    expect(entries['busy']!.error).toMatchObject({ reason: 'failed', statusCode: 503, retryable: true });
  });

  it('says a job is in progress until it ends, and cancels it: its requests end as canceled', async () => {
    const model = await modelOn({ rules: [textRule({ match: /.*/, answer: 'fine' })], batches: { completionDelayMs: 60_000 } });

    const job = await model.batch.doSubmit([{ customId: 'a', request: ask('x') }]);
    expect(await model.batch.doPoll(job)).toMatchObject({ state: 'in-progress', counts: { total: 1, succeeded: 0, failed: 0 } });
    await model.batch.doCancel(job);

    expect((await model.batch.doPoll(job)).state).toBe('ended');
    expect(await model.batch.doResults(job)).toEqual([{ customId: 'a', error: expect.objectContaining({ reason: 'canceled', retryable: true }) }]);
  });

  it('runs completion models as /v1/completions jobs, with the prompt their formatter writes', async () => {
    server = await createOpenAITestServer({ rules: [textRule({ match: /.*/, answer: (_match, { prompt }) => `continued ${prompt.trim().split(/\s+/).at(-1)}` })] });
    const model = createOpenAI({ baseURL: server.baseURL, apiKey: 'sk-test' }).completionModel('base-model');

    const job = await model.batch.doSubmit([{ customId: 'p', request: { prompt: 'once upon a time', params: { maxTokens: 8 } } }]);
    const entries = await model.batch.doResults(job);

    expect(server.requests.find((request) => request.path === '/v1/batches')!.body).toMatchObject({ endpoint: '/v1/completions' });
    expect(entries).toEqual([{ customId: 'p', result: expect.objectContaining({ choices: [{ text: 'continued time', finishReason: 'stop' }] }) }]);
  });

  it('turns a refused job or an unknown job into an APICallError the engine can classify', async () => {
    const model = await modelOn({ rules: [] });

    const unknown = await model.batch.doPoll({ id: 'batch_nope' }).catch((error: unknown) => error);

    expect(APICallError.isInstance(unknown)).toBe(true);
    expect(unknown).toMatchObject({ statusCode: 404, message: expect.stringContaining('/batches/batch_nope') });
  });
});
