import { APICallError, type LanguageModelV1CallOptions } from '@synthkit/core';
import {
  type AnswerRule,
  createOpenAITestServer,
  errorRule,
  type OpenAITestServer,
  type OpenAITestServerOptions,
  textRule,
} from '@synthkit/test-server';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAI } from './create-openai';
import { OpenAIChatLanguageModel } from './openai-chat-language-model';
import type { OpenAIProviderSettings } from './openai-provider-settings';
import { causeChainText, failureOf, startRawServer as startAnswerServer, waitUntil } from './test-support/http-test-helpers';

let server: OpenAITestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const okRule: AnswerRule = () => 'ok';

async function modelWith(serverOptions: OpenAITestServerOptions, settings: OpenAIProviderSettings = {}) {
  server = await createOpenAITestServer(serverOptions);
  const model = createOpenAI({ baseURL: server.baseURL, apiKey: 'sk-test-secret-key', ...settings })
    .languageModel('gpt-test');
  return { server, model };
}

const hello: LanguageModelV1CallOptions = { messages: [{ role: 'user', content: 'Hello' }], params: {} };

describe('OpenAIChatLanguageModel: requests', () => {
  it('sends the model and messages, and returns the answer', async () => {
    const { server, model } = await modelWith({ rules: [textRule({ match: /Hello/, answer: 'Hi there' })] });

    const result = await model.doGenerate({
      messages: [
        { role: 'system', content: 'Be nice.' },
        { role: 'user', content: 'Hello' },
      ],
      params: {},
    });

    expect(model.provider).toBe('openai');
    expect(model.modelId).toBe('gpt-test');
    expect(model.specificationVersion).toBe('v1');
    expect(result.choices).toEqual([{ text: 'Hi there', finishReason: 'stop' }]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.path).toBe('/v1/chat/completions');
    expect(server.requests[0]?.body).toEqual({
      model: 'gpt-test',
      messages: [
        { role: 'system', content: 'Be nice.' },
        { role: 'user', content: 'Hello' },
      ],
      // Streaming is the default, so the engine's timeout can tell a slow answer from a stuck server.
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(server.requests[0]?.headers['authorization']).toBe('Bearer sk-test-secret-key');
  });

  it('maps every parameter to its wire name', async () => {
    const { server, model } = await modelWith({ rules: [okRule] });

    await model.doGenerate({
      ...hello,
      params: { temperature: 0.7, topP: 0.9, maxTokens: 50, seed: 42, stop: ['###', 'END'], n: 2 },
    });

    expect(server.requests[0]?.body).toEqual({
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'Hello' }],
      temperature: 0.7,
      top_p: 0.9,
      max_tokens: 50,
      seed: 42,
      stop: ['###', 'END'],
      n: 2,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('sends parameters set to 0 and leaves unset ones out of the body', async () => {
    const { server, model } = await modelWith({ rules: [okRule] });

    await model.doGenerate({ ...hello, params: { temperature: 0, seed: 0 } });

    const body = server.requests[0]?.body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['messages', 'model', 'seed', 'stream', 'stream_options', 'temperature']);
    expect(body['temperature']).toBe(0);
  });

  it('merges providerOptions.openai into the body, overriding mapped parameters, and ignores other providers', async () => {
    const { server, model } = await modelWith({ rules: [okRule] });

    await model.doGenerate({
      ...hello,
      params: {
        temperature: 0.2,
        providerOptions: {
          openai: { min_p: 0.05, temperature: 1.1, chat_template_kwargs: { thinking: false } },
          anthropic: { top_k: 3 },
        },
      },
    });

    expect(server.requests[0]?.body).not.toHaveProperty('top_k');

    expect(server.requests[0]?.body).toMatchObject({
      min_p: 0.05,
      temperature: 1.1,
      chat_template_kwargs: { thinking: false },
    });
  });

  it('does not let provider options turn streaming on, and warns', async () => {
    const { server, model } = await modelWith({ rules: [okRule] }, { stream: false });

    const result = await model.doGenerate({ ...hello, params: { providerOptions: { openai: { stream: true, top_k: 5 } } } });

    expect(server.requests[0]?.body).not.toHaveProperty('stream');
    expect(server.requests[0]?.body).toHaveProperty('top_k', 5);
    expect(result.choices[0]?.text).toBe('ok');
    expect(result.warnings).toEqual([expect.objectContaining({ type: 'other', setting: 'providerOptions.openai.stream' })]);
  });

  it('does not send topK and warns about it', async () => {
    const { server, model } = await modelWith({ rules: [okRule] });

    const result = await model.doGenerate({ ...hello, params: { topK: 40 } });
    const withoutTopK = await model.doGenerate({ ...hello, params: {} });

    expect(server.requests[0]?.body).not.toHaveProperty('top_k');
    expect(server.requests[0]?.body).not.toHaveProperty('topK');
    expect(result.warnings).toEqual([
      { type: 'unsupported-setting', setting: 'topK', message: expect.stringContaining('topK') },
    ]);
    expect(withoutTopK.warnings).toBeUndefined();
  });

  it('sends a prompt as one user message', async () => {
    const { server, model } = await modelWith({ rules: [textRule({ match: /^Write a poem$/, answer: 'Roses.' })] });

    const result = await model.doGenerate({ prompt: 'Write a poem', params: {} });

    expect(server.requests[0]?.body).toMatchObject({ messages: [{ role: 'user', content: 'Write a poem' }] });
    expect(result.choices[0]?.text).toBe('Roses.');
  });

  it('returns one choice per n, in order', async () => {
    const { model } = await modelWith({ rules: [(request) => `variant ${request.choiceIndex}`] });

    const result = await model.doGenerate({ ...hello, params: { n: 3 } });

    expect(result.choices.map((choice) => choice.text)).toEqual(['variant 0', 'variant 1', 'variant 2']);
  });

  it('asks for a JSON schema response format, strict, named "response" by default', async () => {
    const { server, model } = await modelWith({ rules: [() => '{"answer":1}'] });
    const schema = { type: 'object', properties: { answer: { type: 'number' } }, required: ['answer'] };

    await model.doGenerate({ ...hello, responseFormat: { type: 'json', schema } });
    await model.doGenerate({ ...hello, responseFormat: { type: 'json', schema, name: 'score' } });

    expect(server.requests[0]?.body).toHaveProperty('response_format', {
      type: 'json_schema',
      json_schema: { name: 'response', schema, strict: true },
    });
    expect(server.requests[1]?.body).toHaveProperty('response_format.json_schema.name', 'score');
  });

  it('asks for any JSON object when the response format has no schema', async () => {
    const { server, model } = await modelWith({ rules: [() => '{}'] });

    await model.doGenerate({ ...hello, responseFormat: { type: 'json' } });

    expect(server.requests[0]?.body).toHaveProperty('response_format', { type: 'json_object' });
  });
});

describe('OpenAIChatLanguageModel: results', () => {
  it('reports usage, the length finish reason and the raw response body', async () => {
    const { model } = await modelWith({ rules: [textRule({ match: /.*/, answer: 'one two three four five' })] });

    const result = await model.doGenerate({ ...hello, params: { maxTokens: 2 } });

    expect(result.choices).toEqual([{ text: 'one two', finishReason: 'length' }]);
    // The test server counts whitespace-separated words: "Hello" and "one two".
    expect(result.usage).toEqual({ inputTokens: 1, outputTokens: 2 });
    expect(result.raw).toMatchObject({ object: 'chat.completion', model: 'gpt-test', choices: [{ index: 0 }] });
  });

  it('maps content_filter and unknown finish reasons, null content, and absent usage', async () => {
    const url = await startRawServer(200, {
      id: 'chatcmpl-raw',
      object: 'chat.completion',
      created: 0,
      model: 'gpt-test',
      choices: [
        { index: 1, message: { role: 'assistant', content: null }, finish_reason: 'tool_calls' },
        { index: 0, message: { role: 'assistant', content: 'partial' }, finish_reason: 'content_filter' },
        { index: 2, message: { role: 'assistant', content: 'done' }, finish_reason: 'stop' },
      ],
    });
    const model = createOpenAI({ baseURL: url, stream: false }).languageModel('gpt-test');

    const result = await model.doGenerate(hello);

    expect(result.choices).toEqual([
      { text: 'partial', finishReason: 'content-filter' },
      { text: '', finishReason: 'other' },
      { text: 'done', finishReason: 'stop' },
    ]);
    // Unknown is not zero: a server that reports no usage leaves the counts undefined.
    expect(result.usage).toEqual({ inputTokens: undefined, outputTokens: undefined, cachedInputTokens: undefined });
    expect(result.rateLimit).toBeUndefined();
  });

  it('reads the rate-limit headers, with reset durations in seconds', async () => {
    const { model } = await modelWith({
      rules: [okRule],
      headers: {
        'x-ratelimit-limit-requests': '5000',
        'x-ratelimit-remaining-requests': '4999',
        'x-ratelimit-limit-tokens': '2000000',
        'x-ratelimit-remaining-tokens': '1999000',
        'x-ratelimit-reset-requests': '6m0s',
        'x-ratelimit-reset-tokens': '20ms',
      },
    });

    const result = await model.doGenerate(hello);

    expect(result.rateLimit).toEqual({
      limitRequests: 5000,
      remainingRequests: 4999,
      limitTokens: 2_000_000,
      remainingTokens: 1_999_000,
      resetRequestsSeconds: 360,
      resetTokensSeconds: 0.02,
    });
  });

  it('parses compound and fractional durations, and leaves out unreadable headers', async () => {
    const { model } = await modelWith({
      rules: [okRule],
      headers: {
        'x-ratelimit-remaining-requests': 'many',
        'x-ratelimit-reset-requests': '1h2m3.5s',
        'x-ratelimit-reset-tokens': 'soon',
        'x-ratelimit-remaining-tokens': '12',
      },
    });

    const result = await model.doGenerate(hello);

    expect(result.rateLimit).toEqual({ remainingTokens: 12, resetRequestsSeconds: 3723.5 });
  });
});

describe('OpenAIChatLanguageModel: errors', () => {
  it('turns a 400 into a non-retryable APICallError with status, message, url and body', async () => {
    const { server, model } = await modelWith({ rules: [textRule({ match: /never/, answer: 'x' })] });

    const error = await failureOf(model.doGenerate(hello));

    expect(APICallError.isInstance(error)).toBe(true);
    const apiError = error as APICallError;
    expect(apiError.statusCode).toBe(400);
    expect(apiError.isRetryable).toBe(false);
    expect(apiError.message).toContain('No answer rule matched');
    expect(apiError.message).toContain('HTTP 400');
    expect(apiError.url).toBe(`${server.baseURL}/chat/completions`);
    expect(JSON.parse(apiError.responseBody ?? '')).toMatchObject({ error: { code: 'no_rule_matched' } });
    expect(apiError.retryAfterSeconds).toBeUndefined();
  });

  it('turns a 429 into a retryable APICallError with retryAfterSeconds from retry-after-ms', async () => {
    const { model } = await modelWith({
      rules: [
        errorRule({ status: 429, message: 'Rate limit reached for requests', headers: { 'retry-after-ms': '1500' } }),
      ],
    });

    const error = (await failureOf(model.doGenerate(hello))) as APICallError;

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.statusCode).toBe(429);
    expect(error.isRetryable).toBe(true);
    expect(error.retryAfterSeconds).toBe(1.5);
    expect(error.message).toContain('Rate limit reached for requests');
  });

  it('turns a 500 into a retryable APICallError with retryAfterSeconds from retry-after', async () => {
    const { model } = await modelWith({
      rules: [errorRule({ status: 500, message: 'The server had an error', headers: { 'retry-after': '7' } })],
    });

    const error = (await failureOf(model.doGenerate(hello))) as APICallError;

    expect(error.statusCode).toBe(500);
    expect(error.isRetryable).toBe(true);
    expect(error.retryAfterSeconds).toBe(7);
  });

  it('keeps an error body that is not in the OpenAI shape, as text', async () => {
    const pastDate = 'Thu, 01 Jan 1970 00:00:00 GMT';
    const url = await startRawServer(502, '<html>Bad gateway</html>', { 'retry-after': pastDate });
    const model = createOpenAI({ baseURL: url, stream: false }).languageModel('gpt-test');

    const error = (await failureOf(model.doGenerate(hello))) as APICallError;

    expect(error.statusCode).toBe(502);
    expect(error.isRetryable).toBe(true);
    expect(error.responseBody).toBe('<html>Bad gateway</html>');
    expect(error.retryAfterSeconds).toBe(0);
  });

  it('truncates a long error body to 4 KB', async () => {
    const { model } = await modelWith({ rules: [errorRule({ status: 400, message: 'x'.repeat(10_000) })] });

    const error = (await failureOf(model.doGenerate(hello))) as APICallError;

    expect(error.responseBody?.startsWith('{"error":{"message":"xxx')).toBe(true);
    expect(error.responseBody?.length).toBeLessThanOrEqual(4096 + '…[truncated]'.length);
    expect(error.responseBody?.endsWith('…[truncated]')).toBe(true);
  });

  it('never puts the API key in the error, even when the server echoes it', async () => {
    const { model } = await modelWith({
      rules: [
        (request) => ({ status: 401, message: `Incorrect API key provided: ${request.headers['authorization']}` }),
      ],
    });

    const error = (await failureOf(model.doGenerate(hello))) as APICallError;

    expect(error.statusCode).toBe(401);
    expect(error.message).toContain('Incorrect API key provided: Bearer [redacted]');
    expect(error.responseBody).toContain('[redacted]');
    expect(`${causeChainText(error)} ${error.responseBody}`).not.toContain('sk-test-secret-key');
  });

  it('never puts a configured header value in the error, even when the server echoes it', async () => {
    const { server, model } = await modelWith(
      {
        rules: [
          (request) => ({
            status: 500,
            message: `Gateway rejected x-gateway-token: ${request.headers['x-gateway-token']} (organization ${request.headers['openai-organization']})`,
          }),
        ],
      },
      { headers: { 'x-gateway-token': 'secret-123' }, organization: 'org-visible' },
    );

    const error = (await failureOf(model.doGenerate(hello))) as APICallError;

    expect(server.requests[0]?.headers['x-gateway-token']).toBe('secret-123');
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.statusCode).toBe(500);
    expect(error.message).toContain('Gateway rejected x-gateway-token: [redacted] (organization org-visible)');
    expect(error.responseBody).toContain('x-gateway-token: [redacted]');
    expect(`${causeChainText(error)} ${error.responseBody}`).not.toContain('secret-123');
  });

  it('redacts a header value wholly when a shorter header value is part of it', async () => {
    const { model } = await modelWith(
      { rules: [(request) => ({ status: 403, message: `bad token ${request.headers['x-token']}` })] },
      { headers: { 'x-tenant': 'team', 'x-token': 'team-secret-123' } },
    );

    const error = (await failureOf(model.doGenerate(hello))) as APICallError;

    expect(error.message).toContain('bad token [redacted]');
    expect(`${error.message} ${error.responseBody}`).not.toContain('secret-123');
  });

  it('redacts a header value that the JSON body escapes', async () => {
    const { model } = await modelWith(
      { rules: [(request) => ({ status: 400, message: `unknown key ${request.headers['x-key']}` })] },
      { headers: { 'x-key': 'quote"secret-456' } },
    );

    const error = (await failureOf(model.doGenerate(hello))) as APICallError;

    expect(error.responseBody).toContain('unknown key [redacted]');
    expect(`${error.message} ${error.responseBody}`).not.toContain('secret-456');
  });

  it('redacts a header value that fetch sent trimmed', async () => {
    const { server, model } = await modelWith(
      { rules: [(request) => ({ status: 401, message: `unknown token ${request.headers['x-token']}.` })] },
      { headers: { 'x-token': '  padded-secret-789  ' } },
    );

    const error = (await failureOf(model.doGenerate(hello))) as APICallError;

    expect(server.requests[0]?.headers['x-token']).toBe('padded-secret-789');
    expect(error.message).toContain('unknown token [redacted].');
    expect(`${error.message} ${error.responseBody}`).not.toContain('secret-789');
  });

  it('turns a refused connection into a retryable APICallError with no status', async () => {
    const closed = await createOpenAITestServer();
    await closed.close();
    const model = createOpenAI({ baseURL: closed.baseURL }).languageModel('gpt-test');

    const error = (await failureOf(model.doGenerate(hello))) as APICallError;

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.statusCode).toBeUndefined();
    expect(error.isRetryable).toBe(true);
    expect(error.url).toBe(`${closed.baseURL}/chat/completions`);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('turns a timeout into a retryable APICallError with no status', async () => {
    const { model } = await modelWith({ rules: [okRule], latencyMs: 30_000 }, { timeoutMs: 100 });

    const error = (await failureOf(model.doGenerate(hello))) as APICallError;

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.statusCode).toBeUndefined();
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain('timed out after 100 ms');
  });

  it('keeps credentials written in the base URL out of the error and its causes', async () => {
    const baseURL = 'http://user:url-secret@127.0.0.1:8000/v1';
    const client = new OpenAI({ apiKey: 'sk-test-secret-key', baseURL, maxRetries: 0 });
    const model = new OpenAIChatLanguageModel('gpt-test', { client });

    const error = (await failureOf(model.doGenerate(hello))) as APICallError;

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.url).toBe('http://127.0.0.1:8000/v1/chat/completions');
    expect(error.message).toContain('[redacted]');
    expect(causeChainText(error)).not.toContain('url-secret');
  });

  it('rethrows an abort as it is, not as an APICallError', async () => {
    const { server, model } = await modelWith({ rules: [okRule], latencyMs: 30_000 });
    const controller = new AbortController();

    const call = failureOf(model.doGenerate({ ...hello, signal: controller.signal }));
    await waitUntil(() => server.inFlight === 1);
    controller.abort();
    const error = await call;

    expect(APICallError.isInstance(error)).toBe(false);
    expect(error).toBeInstanceOf(OpenAI.APIUserAbortError);
    expect(server.requests).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const { server, model } = await modelWith({ rules: [okRule] });

    const error = await failureOf(model.doGenerate({ ...hello, signal: AbortSignal.abort() }));

    expect(APICallError.isInstance(error)).toBe(false);
    expect(server.requests).toHaveLength(0);
  });
});

describe('OpenAIChatLanguageModel: streaming, metadata and answers that cannot be used', () => {
  it('streams by default, joins the chunks and reports activity per chunk', async () => {
    const { model } = await modelWith({ rules: [textRule({ match: /.*/, answer: 'one two three' })] });
    let activity = 0;

    const result = await model.doGenerate({ ...hello, params: { n: 2 }, onActivity: () => activity++ });

    expect(result.choices).toEqual([
      { text: 'one two three', finishReason: 'stop' },
      { text: 'one two three', finishReason: 'stop' },
    ]);
    expect(result.usage).toMatchObject({ inputTokens: 1, outputTokens: 6 });
    // The headers, then at least one chunk per choice.
    expect(activity).toBeGreaterThanOrEqual(3);
  });

  it('reports the served model, the request id and its endpoint', async () => {
    const { model, server } = await modelWith({ rules: [okRule] });

    const result = await model.doGenerate(hello);

    expect(result.response).toEqual({ modelId: 'gpt-test', requestId: 'req_testkit_1' });
    expect(model.endpoint).toBe(server.baseURL);
  });

  it('reads cached prompt tokens from the usage details', async () => {
    const url = await startRawServer(200, {
      id: 'chatcmpl-raw',
      object: 'chat.completion',
      created: 0,
      model: 'gpt-test-2025',
      choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 120, completion_tokens: 3, total_tokens: 123, prompt_tokens_details: { cached_tokens: 100 } },
    });
    const result = await createOpenAI({ baseURL: url, stream: false }).languageModel('gpt-test').doGenerate(hello);

    expect(result.usage).toEqual({ inputTokens: 120, outputTokens: 3, cachedInputTokens: 100 });
    expect(result.response).toEqual({ modelId: 'gpt-test-2025', requestId: 'chatcmpl-raw' });
  });

  it('turns a stream that ends before its finish reason into a retryable error', async () => {
    const chunk = (content: string) =>
      `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'gpt-test', choices: [{ index: 0, delta: { role: 'assistant', content }, finish_reason: null }] })}\n\n`;
    const url = await startRawServer(200, chunk('Hel') + chunk('lo'), { 'content-type': 'text/event-stream' });

    const error = await failureOf(createOpenAI({ baseURL: url }).languageModel('gpt-test').doGenerate(hello));

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 200, isRetryable: true });
    expect((error as Error).message).toMatch(/ended before choice 0 was complete/);
  });

  it.each([
    ['HTML', '<html><body><h1>502 Bad Gateway</h1></body></html>', {}, /not a chat completion \(not JSON\): <html>/],
    ['JSON cut short', '{"id":"chatcmpl-1","choices":[{"index":0,"message":{"role":"assistant","content":"Hel', { 'content-type': 'application/json' }, /not valid JSON/],
    ['JSON without choices', '{"id":"chatcmpl-1","object":"chat.completion"}', { 'content-type': 'application/json' }, /no "choices" list/],
  ])('turns a 200 whose body is %s into a retryable error that quotes it', async (_kind, body, headers, pattern) => {
    const url = await startRawServer(200, body, headers);

    const error = await failureOf(createOpenAI({ baseURL: url, stream: false }).languageModel('gpt-test').doGenerate(hello));

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 200, isRetryable: true, url: `${url}/chat/completions` });
    expect((error as Error).message).toMatch(pattern);
  });

  it('names where the key came from when the server refuses it, and keeps safe response headers', async () => {
    const { model } = await modelWith({
      rules: [errorRule({ status: 401, message: 'Incorrect API key provided', headers: { 'set-cookie': 'session=1', 'x-trace': 't-1' } })],
    });

    const error = await failureOf(model.doGenerate(hello));

    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/HTTP 401: Incorrect API key provided\. The API key came from the apiKey setting/);
    const headers = (error as APICallError).responseHeaders;
    expect(headers?.['x-trace']).toBe('t-1');
    expect(headers).not.toHaveProperty('set-cookie');
  });
});

// --- Internal helpers ---

/** A server that answers every request with one fixed response, for payloads the test server never sends. */
function startRawServer(status: number, body: unknown, headers: Record<string, string> = {}): Promise<string> {
  return startAnswerServer({ status, body, headers });
}
