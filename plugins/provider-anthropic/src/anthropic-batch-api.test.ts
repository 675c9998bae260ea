import { APICallError, InvalidArgumentError, type LanguageModelV1Request } from '@synthkit/core';
import {
  type AnswerRule,
  type AnthropicTestServer,
  type AnthropicTestServerOptions,
  createAnthropicTestServer,
  errorRule,
  textRule,
} from '@synthkit/test-server';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnthropicProviderSettings } from './anthropic-provider-settings';
import { createAnthropic } from './create-anthropic';

let server: AnthropicTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const apiKey = 'sk-ant-batch-secret-key';

/** A model from `createAnthropic` (its lazy SDK client and fetch) on a fresh server that checks the key. */
async function modelOn(options: AnthropicTestServerOptions, settings: AnthropicProviderSettings = {}) {
  server = await createAnthropicTestServer({ apiKey, ...options });
  return createAnthropic({ baseURL: server.baseURL, apiKey, ...settings }).languageModel('claude-test');
}

const ask = (prompt: string, params: LanguageModelV1Request['params'] = {}): LanguageModelV1Request => ({
  messages: [{ role: 'user', content: prompt }],
  params,
});

/** The error a call fails with (the test fails if it succeeds). */
async function failureOf(call: PromiseLike<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

const echo = textRule({ match: /.*/, answer: (_match, { prompt }) => `answer to ${prompt}` });

describe('AnthropicBatchApi', () => {
  it('creates a batch through the provider client, polls it and reads every answer as doGenerate reads one', async () => {
    const model = await modelOn({ rules: [echo] });

    const job = await model.batch.doSubmit([
      { customId: 'first', request: { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'one' }], params: { maxTokens: 50 } } },
      { customId: 'second', request: ask('two three', { maxTokens: 2 }) },
    ]);
    const status = await model.batch.doPoll(job);
    const entries = await model.batch.doResults(job);

    expect(model.batch).toMatchObject({ specificationVersion: 'v1', priceFactor: 0.5, maxRequestsPerJob: 100_000 });
    expect(job).toEqual({ id: 'msgbatch_testkit_1' });
    expect(status).toEqual({ state: 'ended', counts: { total: 2, succeeded: 2, failed: 0 }, expiresAt: expect.any(String) });
    expect(Date.parse(status.expiresAt!)).toBeGreaterThan(Date.now() + 23 * 3600 * 1000);
    expect(entries).toEqual([
      {
        customId: 'first',
        result: {
          choices: [{ text: 'answer to one', finishReason: 'stop' }],
          // The test server counts words: "Be brief." and "one" in, "answer to one" out; it caches nothing.
          usage: { inputTokens: 3, outputTokens: 3, cachedInputTokens: 0 },
          response: { modelId: 'claude-test', requestId: 'msg_testkit_batch1_0' },
          raw: expect.objectContaining({ type: 'message', id: 'msg_testkit_batch1_0' }),
        },
      },
      { customId: 'second', result: expect.objectContaining({ choices: [{ text: 'answer to', finishReason: 'length' }] }) },
    ]);
    expect(server!.batchesCreated).toBe(1);
    expect(server!.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /v1/messages/batches',
      'GET /v1/messages/batches/msgbatch_testkit_1',
      'GET /v1/messages/batches/msgbatch_testkit_1',
      'GET /v1/messages/batches/msgbatch_testkit_1/results',
    ]);
    expect(server!.requests.every((request) => request.headers['authorization'] === `Bearer ${apiKey}`)).toBe(true);
  });

  it('sends each request with the body doGenerate sends (never streamed), the forced tool of structured output included', async () => {
    const schema = { type: 'object', properties: { answer: { type: 'number' } }, required: ['answer'] };
    const request: LanguageModelV1Request = {
      messages: [
        { role: 'system', content: 'Be exact.' },
        { role: 'user', content: 'How much?' },
        { role: 'user', content: 'In numbers.' },
      ],
      params: { temperature: 0.2, topP: 0.9, topK: 40, stop: ['###'], maxTokens: 64, seed: 7, providerOptions: { anthropic: { metadata: { user_id: 'u1' } } } },
      responseFormat: { type: 'json', schema, name: 'quantity' },
    };
    const model = await modelOn({ rules: [() => '{"answer": 42}'] }, { stream: false });

    const online = await model.doGenerate(request);
    await model.batch.doSubmit([{ customId: 'a', request }]);

    const onlineBody = server!.requests.find((recorded) => recorded.path === '/v1/messages')!.body;
    const batchBody = server!.requests.find((recorded) => recorded.path === '/v1/messages/batches')!.body;
    expect(batchBody).toEqual({ requests: [{ custom_id: 'a', params: onlineBody }] });
    expect(onlineBody).toMatchObject({ system: 'Be exact.', tool_choice: { type: 'tool', name: 'quantity' }, metadata: { user_id: 'u1' } });
    expect(onlineBody).not.toHaveProperty('stream');
    expect(online.choices[0]?.text).toBe('{"answer":42}');
  });

  it('reads structured answers from a batch exactly as online: tool input as JSON text, unwrapped when the schema was wrapped', async () => {
    const formats = {
      object: { schema: { type: 'object', properties: { answer: { type: 'number' } } }, input: '{"answer": 42}' },
      list: { schema: { type: 'array', items: { type: 'string' } }, input: '{"value": ["a", "b"]}' },
      // An object declaring `value` is wrapped too, so that its answers cannot pass for wrapped ones.
      valueProperty: { schema: { type: 'object', properties: { value: { type: 'string' } } }, input: '{"value": {"value": "v"}}' },
      freeForm: { schema: { type: 'object' }, input: '{"value": {"value": 1}}' },
    } as const;
    const rules: AnswerRule[] = Object.entries(formats).map(([name, { input }]) => textRule({ match: new RegExp(`^${name}$`), answer: input }));
    const model = await modelOn({ rules: [...rules, textRule({ match: /^plain json$/, answer: '{"plain": true}' })] });
    const requests = [
      ...Object.entries(formats).map(([name, { schema }]) => ({ customId: name, request: { ...ask(name), responseFormat: { type: 'json' as const, schema } } })),
      { customId: 'json', request: { ...ask('plain json'), responseFormat: { type: 'json' as const } } },
    ];

    const batched = await model.batch.doResults(await model.batch.doSubmit(requests));
    const online = await Promise.all(requests.map(async ({ customId, request }) => ({ customId, result: await model.doGenerate(request) })));

    const choices = (entries: ReadonlyArray<{ customId: string; result?: { choices: ReadonlyArray<unknown> } }>) =>
      Object.fromEntries(entries.map((entry) => [entry.customId, entry.result?.choices]));
    expect(choices(batched)).toEqual(choices(online));
    expect(choices(batched)).toEqual({
      object: [{ text: '{"answer":42}', finishReason: 'stop' }],
      list: [{ text: '["a","b"]', finishReason: 'stop' }],
      valueProperty: [{ text: '{"value":"v"}', finishReason: 'stop' }],
      freeForm: [{ text: '{"value":1}', finishReason: 'stop' }],
      json: [{ text: '{"plain": true}', finishReason: 'stop' }],
    });
  });

  it('reports errored requests as failed, retryable by their error type, and expired ones as expired, naming the batch', async () => {
    const model = await modelOn({
      rules: [
        errorRule({ match: /^busy$/, status: 429, message: 'Number of requests has exceeded your rate limit.' }),
        errorRule({ match: /^overloaded$/, status: 529, message: 'Overloaded' }),
        errorRule({ match: /^broken$/, status: 500, message: 'Internal server error' }),
        errorRule({ match: /^too long$/, status: 400, message: 'prompt is too long: 300000 tokens > 200000 maximum' }),
        errorRule({ match: /^forbidden$/, status: 403, message: 'Your API key does not have permission to use the specified resource.' }),
        errorRule({ match: /^unknown model$/, status: 404, message: 'model: claude-nope' }),
        echo,
      ],
      batches: { expire: ({ customId }) => customId === 'late' },
    });
    const prompts = ['fine', 'late', 'busy', 'overloaded', 'broken', 'too long', 'forbidden', 'unknown model'];

    const job = await model.batch.doSubmit(prompts.map((prompt) => ({ customId: prompt.replace(' ', '-'), request: ask(prompt) })));
    const status = await model.batch.doPoll(job);
    const entries = Object.fromEntries((await model.batch.doResults(job)).map((entry) => [entry.customId, entry]));

    expect(status).toMatchObject({ state: 'ended', counts: { total: 8, succeeded: 1, failed: 7 } });
    expect(entries['fine']?.result?.choices[0]?.text).toBe('answer to fine');
    expect(entries['late']?.error).toEqual({ reason: 'expired', retryable: true, message: expect.stringContaining('msgbatch_testkit_1') });
    expect(entries['busy']?.error).toEqual({
      reason: 'failed',
      statusCode: 429,
      retryable: true,
      message: 'rate_limit_error in Anthropic batch msgbatch_testkit_1: Number of requests has exceeded your rate limit.',
    });
    expect(entries['overloaded']?.error).toMatchObject({ reason: 'failed', statusCode: 529, retryable: true, message: expect.stringContaining('overloaded_error') });
    expect(entries['broken']?.error).toMatchObject({ statusCode: 500, retryable: true, message: expect.stringContaining('api_error') });
    expect(entries['too-long']?.error).toMatchObject({ reason: 'failed', statusCode: 400, retryable: false, message: expect.stringContaining('prompt is too long') });
    expect(entries['forbidden']?.error).toMatchObject({ statusCode: 403, retryable: false, message: expect.stringContaining('permission_error') });
    expect(entries['unknown-model']?.error).toMatchObject({ statusCode: 404, retryable: false, message: expect.stringContaining('not_found_error') });
  });

  it('says a batch is in progress until it ends, has no results before, and cancels it: its requests end as canceled', async () => {
    const model = await modelOn({ rules: [echo], batches: { completionDelayMs: 60_000 } });

    const job = await model.batch.doSubmit([{ customId: 'a', request: ask('x') }, { customId: 'b', request: ask('y') }]);
    const running = await model.batch.doPoll(job);
    const early = await failureOf(model.batch.doResults(job));
    await model.batch.doCancel(job);
    const ended = await model.batch.doPoll(job);
    const entries = await model.batch.doResults(job);

    expect(running).toMatchObject({ state: 'in-progress', counts: { total: 2, succeeded: 0, failed: 0 } });
    expect(APICallError.isInstance(early)).toBe(true);
    expect(early).toMatchObject({ isRetryable: true, message: expect.stringContaining('msgbatch_testkit_1') });
    expect((early as Error).message).toContain(`${server!.baseURL}/v1/messages/batches/msgbatch_testkit_1/results`);
    expect(server!.requests.filter((request) => request.path.endsWith('/cancel')).map((request) => request.method)).toEqual(['POST']);
    expect(ended).toMatchObject({ state: 'ended', counts: { total: 2, succeeded: 0, failed: 2 } });
    expect(entries).toEqual([
      { customId: 'a', error: { reason: 'canceled', retryable: true, message: 'Anthropic batch msgbatch_testkit_1 was canceled before this request was processed.' } },
      { customId: 'b', error: expect.objectContaining({ reason: 'canceled', retryable: true }) },
    ]);
  });

  it('counts a canceling batch as in progress', async () => {
    const model = await modelOn({ rules: [echo], batches: { completionDelayMs: 60_000, cancelDelayMs: 60_000 } });

    const job = await model.batch.doSubmit([{ customId: 'a', request: ask('x') }]);
    await model.batch.doCancel(job);

    expect(await model.batch.doPoll(job)).toMatchObject({ state: 'in-progress', counts: { total: 1 } });
  });

  it('turns a refused batch into an APICallError: a 400 not retryable, a 429 retryable after its retry-after', async () => {
    let refusals = 0;
    const model = await modelOn({
      rules: [echo],
      batches: {
        refuse: () => (++refusals === 1 ? { status: 429, message: 'Too many batch requests in the processing queue.', headers: { 'retry-after': '30' } } : undefined),
      },
    });

    const busy = await failureOf(model.batch.doSubmit([{ customId: 'a', request: ask('x') }]));
    // The provider options reach the params as they reach an online body, so the API's check refuses them.
    const invalid = await failureOf(model.batch.doSubmit([{ customId: 'a', request: ask('x', { providerOptions: { anthropic: { max_tokens: 'many' } } }) }]));
    const repeated = await failureOf(model.batch.doSubmit([{ customId: 'a', request: ask('x') }, { customId: 'a', request: ask('y') }]));

    expect(APICallError.isInstance(busy)).toBe(true);
    expect(busy).toMatchObject({ statusCode: 429, isRetryable: true, retryAfterSeconds: 30, url: `${server!.baseURL}/v1/messages/batches` });
    expect((busy as Error).message).toContain('Too many batch requests in the processing queue.');
    expect(invalid).toMatchObject({ statusCode: 400, isRetryable: false, message: expect.stringContaining('requests.0.params.max_tokens: Input should be a valid integer') });
    expect(repeated).toMatchObject({ statusCode: 400, isRetryable: false, message: expect.stringContaining('custom_id') });
    expect(server!.batchesCreated).toBe(0);
  });

  it('refuses a custom id Anthropic would refuse before any request, saying which and why', async () => {
    const model = await modelOn({ rules: [echo] });

    const error = await failureOf(model.batch.doSubmit([{ customId: 'ok-1', request: ask('x') }, { customId: 'not ok', request: ask('y') }]));
    const tooLong = await failureOf(model.batch.doSubmit([{ customId: 'a'.repeat(65), request: ask('x') }]));
    // The engine's custom ids are sha256 hex digests: 64 characters, accepted.
    const digest = await model.batch.doSubmit([{ customId: 'f'.repeat(64), request: ask('x') }]);

    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ argument: 'requests[1].customId', message: expect.stringContaining('"not ok"') });
    expect(InvalidArgumentError.isInstance(tooLong)).toBe(true);
    expect(digest.id).toBe('msgbatch_testkit_1');
    expect(server!.requests.filter((request) => request.path === '/v1/messages/batches')).toHaveLength(1);
  });

  it('names where a refused key came from and never shows it; an unknown batch is a 404; an abort stays an abort', async () => {
    server = await createAnthropicTestServer({ apiKey: 'the-right-key', rules: [echo] });
    const wrongKey = createAnthropic({ baseURL: server.baseURL, apiKey }).languageModel('claude-test');
    const rightKey = createAnthropic({ baseURL: server.baseURL, apiKey: 'the-right-key' }).languageModel('claude-test');

    const refused = await failureOf(wrongKey.batch.doSubmit([{ customId: 'a', request: ask('x') }]));
    const unknown = await failureOf(rightKey.batch.doPoll({ id: 'msgbatch_nope' }));
    const aborted = await failureOf(rightKey.batch.doPoll({ id: 'msgbatch_nope' }, { signal: AbortSignal.abort() }));

    expect(refused).toMatchObject({ statusCode: 401, isRetryable: false, message: expect.stringContaining('The API key came from the apiKey setting (providers.anthropic.apiKey).') });
    expect(JSON.stringify(refused)).not.toContain(apiKey);
    expect((refused as Error).message).not.toContain(apiKey);
    expect(unknown).toMatchObject({ statusCode: 404, message: expect.stringContaining('/v1/messages/batches/msgbatch_nope') });
    expect(APICallError.isInstance(aborted)).toBe(false);
    expect((aborted as Error).name).toMatch(/Abort/);
  });
});
