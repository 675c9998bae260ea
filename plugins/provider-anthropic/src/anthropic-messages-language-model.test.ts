import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import { APICallError, InvalidArgumentError, type LanguageModelV1CallOptions } from '@synthkit/core';
import {
  type AnswerRule,
  type AnthropicTestServer,
  type AnthropicTestServerOptions,
  createAnthropicTestServer,
  errorRule,
  faultRule,
  textRule,
} from '@synthkit/test-server';
import { afterEach, describe, expect, it } from 'vitest';
import { AnthropicMessagesLanguageModel } from './anthropic-messages-language-model';
import type { AnthropicProviderSettings } from './anthropic-provider-settings';
import { createAnthropic } from './create-anthropic';

let server: AnthropicTestServer | undefined;
let rawServer: Server | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  if (rawServer != null) {
    rawServer.closeAllConnections();
    await new Promise((resolve) => rawServer?.close(resolve));
    rawServer = undefined;
  }
});

const apiKey = 'sk-ant-test-secret-key';
const okRule: AnswerRule = () => 'ok';

/** A model on a fresh test server that checks the key, so every test also checks authentication. */
async function modelWith(serverOptions: AnthropicTestServerOptions, settings: AnthropicProviderSettings = {}) {
  server = await createAnthropicTestServer({ apiKey, ...serverOptions });
  const model = createAnthropic({ baseURL: server.baseURL, apiKey, ...settings }).languageModel('claude-test');
  return { server, model };
}

const hello: LanguageModelV1CallOptions = { messages: [{ role: 'user', content: 'Hello' }], params: {} };

/** The error a call fails with (the test fails if it succeeds). */
async function failureOf(call: PromiseLike<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

describe('AnthropicMessagesLanguageModel: requests', () => {
  it('sends the model, the system prompt and the messages, streaming, and returns the answer', async () => {
    const { server, model } = await modelWith({ rules: [textRule({ match: /Hello/, answer: 'Hi there' })] });

    const result = await model.doGenerate({
      messages: [
        { role: 'system', content: 'Be nice.' },
        { role: 'user', content: 'Hello' },
      ],
      params: {},
    });

    expect(model).toMatchObject({ provider: 'anthropic', modelId: 'claude-test', specificationVersion: 'v1' });
    expect(result.choices).toEqual([{ text: 'Hi there', finishReason: 'stop' }]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.path).toBe('/v1/messages');
    expect(server.requests[0]?.body).toEqual({
      model: 'claude-test',
      // The API requires max_tokens; the provider's default applies when the params set none.
      max_tokens: 4096,
      system: 'Be nice.',
      messages: [{ role: 'user', content: 'Hello' }],
      // Streaming is the default, so the engine's timeout can tell a slow answer from a stuck server.
      stream: true,
    });
    expect(server.requests[0]?.headers['authorization']).toBe(`Bearer ${apiKey}`);
    expect(server.requests[0]?.headers['anthropic-version']).toBeDefined();
  });

  it('maps every parameter to its wire name, top_k included, and leaves unset ones out', async () => {
    const { server, model } = await modelWith({ rules: [okRule] });

    await model.doGenerate({ ...hello, params: { temperature: 0.7, topP: 0.9, topK: 40, maxTokens: 50, stop: ['###', 'END'] } });
    await model.doGenerate({ ...hello, params: { temperature: 0, topK: 0 } });

    expect(server.requests[0]?.body).toEqual({
      model: 'claude-test',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'Hello' }],
      temperature: 0.7,
      top_p: 0.9,
      top_k: 40,
      stop_sequences: ['###', 'END'],
      stream: true,
    });
    expect(server.requests[1]?.body).toEqual({
      model: 'claude-test',
      max_tokens: 4096,
      messages: [{ role: 'user', content: 'Hello' }],
      temperature: 0,
      top_k: 0,
      stream: true,
    });
  });

  it('does not send seed and warns about it', async () => {
    const { server, model } = await modelWith({ rules: [okRule] });

    const result = await model.doGenerate({ ...hello, params: { seed: 42 } });
    const withoutSeed = await model.doGenerate(hello);

    expect(server.requests[0]?.body).not.toHaveProperty('seed');
    expect(result.warnings).toEqual([{ type: 'unsupported-setting', setting: 'seed', message: expect.stringContaining('no seed') }]);
    expect(withoutSeed.warnings).toBeUndefined();
  });

  it('joins every system message into system, and consecutive turns of one role into one turn', async () => {
    const { server, model } = await modelWith({ rules: [okRule] });

    await model.doGenerate({
      messages: [
        { role: 'system', content: 'Rule one.' },
        { role: 'user', content: 'First part.' },
        { role: 'user', content: 'Second part.' },
        { role: 'system', content: 'Rule two.' },
        { role: 'assistant', content: 'An answer.' },
        { role: 'user', content: 'A follow-up.' },
      ],
      params: {},
    });

    expect(server.requests[0]?.body).toMatchObject({
      system: 'Rule one.\n\nRule two.',
      messages: [
        { role: 'user', content: 'First part.\n\nSecond part.' },
        { role: 'assistant', content: 'An answer.' },
        { role: 'user', content: 'A follow-up.' },
      ],
    });
    // The test server shows rules the system prompt as a first system message.
    expect(server.requests[0]?.prompt).toBe('A follow-up.');
  });

  it('sends a prompt as one user message, and refuses a call with only system messages', async () => {
    const { server, model } = await modelWith({ rules: [textRule({ match: /^Write a poem$/, answer: 'Roses.' })] });

    const result = await model.doGenerate({ prompt: 'Write a poem', params: {} });
    const error = await failureOf(model.doGenerate({ messages: [{ role: 'system', content: 'Be brief.' }], params: {} }));

    expect(server.requests[0]?.body).toMatchObject({ messages: [{ role: 'user', content: 'Write a poem' }] });
    expect(server.requests[0]?.body).not.toHaveProperty('system');
    expect(result.choices[0]?.text).toBe('Roses.');
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('at least one user or assistant message');
    expect(server.requests).toHaveLength(1);
  });

  it('merges providerOptions.anthropic into the body last, ignores other providers, and never lets it stream', async () => {
    const { server, model } = await modelWith({ rules: [okRule] }, { stream: false });

    const result = await model.doGenerate({
      ...hello,
      params: {
        temperature: 0.2,
        providerOptions: {
          anthropic: { temperature: 0.9, metadata: { user_id: 'u-1' }, stream: true },
          openai: { min_p: 0.05 },
        },
      },
    });

    expect(server.requests[0]?.body).toMatchObject({ temperature: 0.9, metadata: { user_id: 'u-1' } });
    expect(server.requests[0]?.body).not.toHaveProperty('min_p');
    expect(server.requests[0]?.body).not.toHaveProperty('stream');
    expect(result.choices[0]?.text).toBe('ok');
    expect(result.warnings).toEqual([expect.objectContaining({ type: 'other', setting: 'providerOptions.anthropic.stream' })]);
  });

  it('uses the maxTokens setting when the params set none', async () => {
    const { server, model } = await modelWith({ rules: [okRule] }, { maxTokens: 256 });

    await model.doGenerate(hello);
    await model.doGenerate({ ...hello, params: { maxTokens: 10 } });

    expect(server.requests.map((request) => (request.body as { max_tokens: number }).max_tokens)).toEqual([256, 10]);
  });

  it('asks one choice per call: maxChoicesPerCall is 1 and a larger n is refused before any request', async () => {
    const { server, model } = await modelWith({ rules: [okRule] });

    const error = await failureOf(model.doGenerate({ ...hello, params: { n: 2 } }));
    const one = await model.doGenerate({ ...hello, params: { n: 1 } });

    expect(model.maxChoicesPerCall).toBe(1);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('splits a larger n');
    expect(one.choices).toHaveLength(1);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.body).not.toHaveProperty('n');
  });
});

describe('AnthropicMessagesLanguageModel: results', () => {
  it.each([true, false])('reads usage, the length finish reason and the raw message (stream: %s)', async (stream) => {
    const { model } = await modelWith({ rules: [textRule({ match: /.*/, answer: 'one two three four five' })] }, { stream });

    const result = await model.doGenerate({ ...hello, params: { maxTokens: 2 } });

    expect(result.choices).toEqual([{ text: 'one two', finishReason: 'length' }]);
    // The test server counts whitespace-separated words: "Hello" and "one two"; it caches nothing.
    expect(result.usage).toEqual({ inputTokens: 1, outputTokens: 2, cachedInputTokens: 0 });
    expect(result.raw).toMatchObject({ type: 'message', model: 'claude-test', stop_reason: 'max_tokens' });
  });

  it.each([true, false])('stops at a stop sequence with finish reason stop (stream: %s)', async (stream) => {
    const { model } = await modelWith({ rules: [textRule({ match: /.*/, answer: 'Question one? ### Question two?' })] }, { stream });

    const result = await model.doGenerate({ ...hello, params: { stop: ['###'] } });

    expect(result.choices).toEqual([{ text: 'Question one? ', finishReason: 'stop' }]);
    expect(result.raw).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: '###' });
  });

  it('reports the served model, the request id and its endpoint', async () => {
    const { model, server } = await modelWith({ rules: [okRule] });

    const result = await model.doGenerate(hello);

    expect(result.response).toEqual({ modelId: 'claude-test', requestId: 'req_testkit_1' });
    expect(model.endpoint).toBe(server.baseURL);
  });

  it('reads the anthropic-ratelimit headers into rateLimit, resets in seconds', async () => {
    const { model } = await modelWith({
      rules: [okRule],
      rateLimit: { requestsPerMinute: 50, inputTokensPerMinute: 1000, outputTokensPerMinute: 8000 },
    });

    const result = await model.doGenerate({ ...hello, params: { maxTokens: 100 } });

    expect(result.rateLimit).toEqual({
      limitRequests: 50,
      remainingRequests: 49,
      limitInputTokens: 1000,
      remainingInputTokens: 999,
      limitOutputTokens: 8000,
      remainingOutputTokens: 7900,
      // Without a combined limit, the API's tokens headers repeat the tightest budget (input: 999 left).
      limitTokens: 1000,
      remainingTokens: 999,
      resetRequestsSeconds: expect.closeTo(60, 0),
      resetTokensSeconds: expect.closeTo(60, 0),
    });
  });

  it('adds cache reads and writes to the input tokens, maps the other stop reasons, and joins text blocks', async () => {
    const message = (stopReason: string, content: unknown[]) => ({
      id: 'msg_raw',
      type: 'message',
      role: 'assistant',
      model: 'claude-test-20250101',
      content,
      stop_reason: stopReason,
      stop_sequence: null,
      usage: { input_tokens: 5, cache_read_input_tokens: 100, cache_creation_input_tokens: 20, output_tokens: 3 },
    });
    const answers = [
      message('refusal', [{ type: 'text', text: 'I cannot' }]),
      message('end_turn', [
        { type: 'thinking', thinking: 'hidden', signature: 's' },
        { type: 'text', text: 'Part one, ' },
        { type: 'text', text: 'part two.' },
      ]),
      message('pause_turn', []),
      message('tool_use', [{ type: 'tool_use', id: 't', name: 'lookup', input: {} }]),
    ];
    const url = await startRawServer((index) => ({ status: 200, body: answers[index] }));
    const model = createAnthropic({ baseURL: url, apiKey, stream: false }).languageModel('claude-test');

    const results = [];
    for (let index = 0; index < answers.length; index++) results.push(await model.doGenerate(hello));

    expect(results.map((result) => result.choices[0])).toEqual([
      { text: 'I cannot', finishReason: 'content-filter' },
      { text: 'Part one, part two.', finishReason: 'stop' },
      { text: '', finishReason: 'other' },
      { text: '', finishReason: 'other' },
    ]);
    expect(results[0]?.usage).toEqual({ inputTokens: 125, outputTokens: 3, cachedInputTokens: 100 });
    // No request-id header: the message id stands in.
    expect(results[0]?.response).toEqual({ modelId: 'claude-test-20250101', requestId: 'msg_raw' });
    expect(results[0]?.rateLimit).toBeUndefined();
  });

  it('reads the usage of a stream in the older form (output only in message_delta) and the newer (whole counts)', async () => {
    const stream = (deltaUsage: Record<string, number>) =>
      [
        ['message_start', { message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-test', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 5, output_tokens: 1 } } }],
        ['content_block_start', { index: 0, content_block: { type: 'text', text: '' } }],
        ['content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Hi' } }],
        ['content_block_stop', { index: 0 }],
        ['message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: deltaUsage }],
        ['message_stop', {}],
      ]
        .map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify({ type: name, ...(data as object) })}\n\n`)
        .join('');
    const bodies = [stream({ output_tokens: 4 }), stream({ input_tokens: 9, cache_read_input_tokens: 6, output_tokens: 4 })];
    const url = await startRawServer((index) => ({ status: 200, body: bodies[index], contentType: 'text/event-stream' }));
    const model = createAnthropic({ baseURL: url, apiKey }).languageModel('claude-test');

    const older = await model.doGenerate(hello);
    const newer = await model.doGenerate(hello);

    expect(older.choices).toEqual([{ text: 'Hi', finishReason: 'stop' }]);
    expect(older.usage).toEqual({ inputTokens: 5, outputTokens: 4, cachedInputTokens: undefined });
    expect(newer.usage).toEqual({ inputTokens: 15, outputTokens: 4, cachedInputTokens: 6 });
  });

  it('calls onActivity for the headers and every streamed event', async () => {
    const { model } = await modelWith({ rules: [textRule({ match: /.*/, answer: 'one two three' })] });
    let activity = 0;

    await model.doGenerate({ ...hello, onActivity: () => activity++ });

    // The headers, then message_start, content_block_start, 3 deltas, content_block_stop,
    // message_delta and message_stop (the SDK drops the ping).
    expect(activity).toBe(1 + 8);
  });
});

describe('AnthropicMessagesLanguageModel: structured output', () => {
  const schema = { type: 'object', properties: { answer: { type: 'number' } }, required: ['answer'] };

  it.each([true, false])('forces a tool with the schema and returns its input as JSON text (stream: %s)', async (stream) => {
    const { server, model } = await modelWith({ rules: [() => '{"answer": 42}'] }, { stream });

    const result = await model.doGenerate({ ...hello, responseFormat: { type: 'json', schema } });
    await model.doGenerate({ ...hello, responseFormat: { type: 'json', schema, name: 'quality score' } });

    expect(server.requests[0]?.body).toMatchObject({
      tools: [{ name: 'response', description: expect.any(String), input_schema: schema }],
      tool_choice: { type: 'tool', name: 'response' },
    });
    // A tool name may hold letters, digits, _ and - only.
    expect(server.requests[1]?.body).toMatchObject({ tool_choice: { type: 'tool', name: 'quality_score' } });
    expect(result.choices).toEqual([{ text: '{"answer":42}', finishReason: 'stop' }]);
    expect(JSON.parse(result.choices[0]?.text ?? '')).toEqual({ answer: 42 });
  });

  it('wraps a schema whose root is not an object, and unwraps the answer', async () => {
    const { server, model } = await modelWith({ rules: [() => '{"value": ["a", "b"]}'] });
    const listSchema = { type: 'array', items: { type: 'string' } };

    const result = await model.doGenerate({ ...hello, responseFormat: { type: 'json', schema: listSchema, name: 'topics' } });

    expect(server.requests[0]?.body).toMatchObject({
      tools: [{ name: 'topics', input_schema: { type: 'object', properties: { value: listSchema }, required: ['value'] } }],
    });
    expect(result.choices[0]?.text).toBe('["a","b"]');
  });

  it('wraps an object schema too when an answer of it could be { value } alone, so that answers say whether they are wrapped', async () => {
    const { server, model } = await modelWith({ rules: [() => '{"value": {"value": "v"}}'] });
    const valueProperty = { type: 'object', properties: { value: { type: 'string' } } };
    const freeForm = { type: 'object' };

    const first = await model.doGenerate({ ...hello, responseFormat: { type: 'json', schema: valueProperty } });
    const second = await model.doGenerate({ ...hello, responseFormat: { type: 'json', schema: freeForm } });

    expect(server.requests.map((request) => (request.body as { tools: Array<{ input_schema: unknown }> }).tools[0]?.input_schema)).toEqual([
      { type: 'object', properties: { value: valueProperty }, required: ['value'] },
      { type: 'object', properties: { value: freeForm }, required: ['value'] },
    ]);
    expect(first.choices[0]?.text).toBe('{"value":"v"}');
    expect(second.choices[0]?.text).toBe('{"value":"v"}');
  });

  it('asks for JSON in the system prompt when there is no schema, and leaves checking the answer to the engine', async () => {
    const { server, model } = await modelWith({
      rules: [
        textRule({ match: /fenced/, answer: '```json\n{"fenced": true}\n```' }),
        textRule({ match: /prose/, answer: 'Sure! Here it is.' }),
        () => '{"plain": true}',
      ],
    });
    const json = { type: 'json' } as const;

    const plain = await model.doGenerate({
      messages: [
        { role: 'system', content: 'Be terse.' },
        { role: 'user', content: 'plain' },
      ],
      params: {},
      responseFormat: json,
    });
    const fenced = await model.doGenerate({ prompt: 'fenced', params: {}, responseFormat: json });
    const prose = await model.doGenerate({ prompt: 'prose', params: {}, responseFormat: json });
    const cut = await model.doGenerate({ prompt: 'prose', params: { maxTokens: 1 }, responseFormat: json });

    expect(server.requests[0]?.body).toMatchObject({ system: expect.stringMatching(/^Be terse\.\n\nAnswer with a single JSON object/) });
    expect(server.requests[0]?.body).not.toHaveProperty('tools');
    expect(plain.choices[0]?.text).toBe('{"plain": true}');
    expect(fenced.choices[0]?.text).toBe('{"fenced": true}');
    // Not JSON: returned as written, so the engine's structured-output check shows the model why in
    // a repair round (a retry would send the same request again).
    expect(prose.choices[0]).toEqual({ text: 'Sure! Here it is.', finishReason: 'stop' });
    // Cut off at max_tokens: returned as it is, for the engine's on_length policy.
    expect(cut.choices[0]).toEqual({ text: 'Sure!', finishReason: 'length' });
  });

  it('makes an answer that does not call the forced tool a retryable error', async () => {
    const url = await startRawServer(() => ({
      status: 200,
      body: {
        id: 'msg_raw',
        type: 'message',
        role: 'assistant',
        model: 'claude-test',
        content: [{ type: 'text', text: 'I would rather talk.' }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 1, output_tokens: 4 },
      },
    }));
    const model = createAnthropic({ baseURL: url, apiKey, stream: false }).languageModel('claude-test');

    const error = await failureOf(model.doGenerate({ ...hello, responseFormat: { type: 'json', schema } }));

    expect(error).toMatchObject({ statusCode: 200, isRetryable: true });
    expect((error as Error).message).toContain('did not call the tool "response"');
  });
});

describe('AnthropicMessagesLanguageModel: errors', () => {
  it.each([
    [400, 'invalid_request_error', false],
    [401, 'authentication_error', false],
    [403, 'permission_error', false],
    [404, 'not_found_error', false],
    [429, 'rate_limit_error', true],
    [500, 'api_error', true],
    [529, 'overloaded_error', true],
  ] as const)('turns HTTP %i (%s) into an APICallError, retryable: %s', async (status, type, retryable) => {
    const { model, server } = await modelWith({ rules: [errorRule({ status, message: `Failure ${status}.` })] });

    const error = await failureOf(model.doGenerate(hello));

    expect(APICallError.isInstance(error)).toBe(true);
    const apiError = error as APICallError;
    expect(apiError.statusCode).toBe(status);
    expect(apiError.isRetryable).toBe(retryable);
    expect(apiError.message).toMatch(new RegExp(`^Anthropic API call to ${server.baseURL}/v1/messages failed with HTTP ${status}: Failure ${status}\\.`));
    expect(apiError.url).toBe(`${server.baseURL}/v1/messages`);
    expect(JSON.parse(apiError.responseBody ?? '')).toEqual({ type: 'error', error: { type, message: `Failure ${status}.` } });
  });

  it('reads retry-after from a 429 and a 529', async () => {
    const { model } = await modelWith({
      rules: [
        errorRule({ status: 429, message: 'Slow down.', headers: { 'retry-after': '7' }, times: 1 }),
        errorRule({ status: 529, message: 'Overloaded', headers: { 'retry-after': '2' }, times: 1 }),
      ],
    });

    const rateLimited = (await failureOf(model.doGenerate(hello))) as APICallError;
    const overloaded = (await failureOf(model.doGenerate(hello))) as APICallError;

    expect(rateLimited).toMatchObject({ statusCode: 429, isRetryable: true, retryAfterSeconds: 7 });
    expect(overloaded).toMatchObject({ statusCode: 529, isRetryable: true, retryAfterSeconds: 2 });
  });

  it('answers a rate limit of the server itself with retryAfterSeconds from its retry-after', async () => {
    const { model } = await modelWith({ rules: [okRule], rateLimit: { requestsPerMinute: 1 } });

    await model.doGenerate(hello);
    const error = (await failureOf(model.doGenerate(hello))) as APICallError;

    expect(error).toMatchObject({ statusCode: 429, isRetryable: true });
    expect(error.retryAfterSeconds).toBeGreaterThan(50);
    expect(error.message).toContain('rate limit of 1 requests per minute');
    expect(error.responseHeaders?.['anthropic-ratelimit-requests-remaining']).toBe('0');
  });

  it('names where the key came from when it is refused, and never shows the key', async () => {
    server = await createAnthropicTestServer({ apiKey: 'the-right-key', rules: [okRule] });
    const model = createAnthropic({ baseURL: server.baseURL, apiKey }).languageModel('claude-test');

    const error = (await failureOf(model.doGenerate(hello))) as APICallError;

    expect(error.statusCode).toBe(401);
    expect(error.message).toBe(
      `Anthropic API call to ${server.baseURL}/v1/messages failed with HTTP 401: invalid x-api-key. ` +
        'The API key came from the apiKey setting (providers.anthropic.apiKey).',
    );
  });

  it('never puts the API key or a configured header value in the error, even when the server echoes them', async () => {
    const { model } = await modelWith(
      {
        rules: [
          (request) => ({
            status: 403,
            message: `Refused ${request.headers['authorization']} with gateway token ${request.headers['x-gateway-token']}`,
          }),
        ],
      },
      { headers: { 'x-gateway-token': 'gateway-secret-123' } },
    );

    const error = (await failureOf(model.doGenerate(hello))) as APICallError;

    expect(error.statusCode).toBe(403);
    expect(error.message).toContain('Refused Bearer [redacted] with gateway token [redacted]');
    expect(error.responseBody).toContain('[redacted]');
    expect(`${causeChainText(error)} ${error.responseBody}`).not.toContain(apiKey);
    expect(`${causeChainText(error)} ${error.responseBody}`).not.toContain('gateway-secret-123');
  });

  it('turns a refused connection and a timeout into retryable APICallErrors with no status', async () => {
    const closed = await createAnthropicTestServer();
    await closed.close();
    const refused = (await failureOf(
      createAnthropic({ baseURL: closed.baseURL, apiKey }).languageModel('claude-test').doGenerate(hello),
    )) as APICallError;
    const { model } = await modelWith({ rules: [okRule], latencyMs: 30_000 }, { timeoutMs: 100 });
    const timedOut = (await failureOf(model.doGenerate(hello))) as APICallError;

    expect(refused).toMatchObject({ statusCode: undefined, isRetryable: true, url: `${closed.baseURL}/v1/messages` });
    expect(refused.message).toContain('ECONNREFUSED');
    expect(timedOut).toMatchObject({ statusCode: undefined, isRetryable: true });
    expect(timedOut.message).toContain('timed out after 100 ms');
  });

  it('rethrows an abort as it is, and sends nothing when the signal is already aborted', async () => {
    const { server, model } = await modelWith({ rules: [okRule], latencyMs: 30_000 });
    const controller = new AbortController();

    const call = failureOf(model.doGenerate({ ...hello, signal: controller.signal }));
    await waitUntil(() => server.inFlight === 1);
    controller.abort();
    const aborted = await call;
    const early = await failureOf(model.doGenerate({ ...hello, signal: AbortSignal.abort() }));

    expect(APICallError.isInstance(aborted)).toBe(false);
    expect(aborted).toBeInstanceOf(Anthropic.APIUserAbortError);
    expect(APICallError.isInstance(early)).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it('keeps credentials written in the base URL out of the error and its causes', async () => {
    const client = new Anthropic({ apiKey, baseURL: 'http://user:url-secret@127.0.0.1:9', maxRetries: 0 });
    const model = new AnthropicMessagesLanguageModel('claude-test', { client });

    const error = (await failureOf(model.doGenerate(hello))) as APICallError;

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.url).toBe('http://127.0.0.1:9/v1/messages');
    expect(causeChainText(error)).not.toContain('url-secret');
  });
});

describe('AnthropicMessagesLanguageModel: answers that cannot be used', () => {
  it('turns a stream cut short (no message_stop) into a retryable error', async () => {
    const { model } = await modelWith({ rules: [faultRule({ fault: 'truncated-stream' })] });

    const error = await failureOf(model.doGenerate(hello));

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 200, isRetryable: true });
    expect((error as Error).message).toContain('ended before its message_stop event');
  });

  it('turns a connection reset midway into a retryable error, streaming or not', async () => {
    const { model } = await modelWith({ rules: [faultRule({ fault: 'reset' })] });
    const plain = createAnthropic({ baseURL: server?.baseURL, apiKey, stream: false }).languageModel('claude-test');

    const streamed = await failureOf(model.doGenerate(hello));
    const whole = await failureOf(plain.doGenerate(hello));

    expect(streamed).toMatchObject({ statusCode: 200, isRetryable: true });
    expect((streamed as Error).message).toContain('the connection broke');
    // Without streaming, the default fetch reads a JSON body whole, so the request itself fails: a
    // connection error, retryable too.
    expect(APICallError.isInstance(whole)).toBe(true);
    expect(whole).toMatchObject({ statusCode: undefined, isRetryable: true });
  });

  it('turns an error event in the middle of a stream into a retryable error naming it', async () => {
    const events = [
      [
        'message_start',
        {
          type: 'message_start',
          message: {
            id: 'msg_1',
            type: 'message',
            role: 'assistant',
            model: 'claude-test',
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: 1, output_tokens: 1 },
          },
        },
      ],
      ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
      ['error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }],
    ] as const;
    const body = events.map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`).join('');
    const url = await startRawServer(() => ({ status: 200, body, contentType: 'text/event-stream' }));

    const error = await failureOf(createAnthropic({ baseURL: url, apiKey }).languageModel('claude-test').doGenerate(hello));

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 200, isRetryable: true });
    expect((error as Error).message).toContain('the server reported overloaded_error: Overloaded');
  });

  it.each([
    ['an HTML page', 'html', /not a message \(not JSON\): <html>/],
    ['malformed JSON', 'malformed-json', /not valid JSON/],
  ] as const)('turns a 200 whose body is %s into a retryable error', async (_kind, fault, pattern) => {
    const { model } = await modelWith({ rules: [faultRule({ fault })] }, { stream: false });

    const error = await failureOf(model.doGenerate(hello));

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 200, isRetryable: true });
    expect((error as Error).message).toMatch(pattern);
  });

  it('turns a streamed 200 that is an HTML page, or JSON without content, into retryable errors', async () => {
    const { model } = await modelWith({ rules: [faultRule({ fault: 'html' })] });
    const url = await startRawServer(() => ({ status: 200, body: { type: 'message', id: 'msg_1' } }));

    const html = await failureOf(model.doGenerate(hello));
    const noContent = await failureOf(
      createAnthropic({ baseURL: url, apiKey, stream: false }).languageModel('claude-test').doGenerate(hello),
    );

    expect(html).toMatchObject({ statusCode: 200, isRetryable: true });
    expect((html as Error).message).toContain('before it started');
    expect(noContent).toMatchObject({ statusCode: 200, isRetryable: true });
    expect((noContent as Error).message).toContain('no "content" list');
  });
});

// --- Internal helpers ---

/** A server that answers each request (numbered from 0) with what `answer` gives, for payloads the test server never sends. */
async function startRawServer(
  answer: (index: number) => { status: number; body: unknown; contentType?: string },
): Promise<string> {
  let count = 0;
  rawServer = createServer((request, response) => {
    request.resume();
    const { status, body, contentType } = answer(count++);
    const isText = typeof body === 'string';
    response.writeHead(status, { 'content-type': contentType ?? (isText ? 'text/html' : 'application/json') });
    response.end(isText ? body : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => rawServer?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(rawServer.address() as AddressInfo).port}`;
}

function causeChainText(error: unknown): string {
  const parts: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) parts.push(current.message);
  return parts.join(' | ');
}

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 500 && !condition(); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(condition()).toBe(true);
}
