import { APICallError, type ChatMessage, InvalidArgumentError, type LanguageModelV1CallOptions } from '@synthkit/core';
import { mixtralFormatter, nemotronFormatter, noFormatFormatter } from '@synthkit/provider-utils';
import {
  type AnswerRule,
  createOpenAITestServer,
  errorRule,
  faultRule,
  type FaultKind,
  type OpenAITestServer,
  type OpenAITestServerOptions,
  textRule,
} from '@synthkit/test-server';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAI } from './create-openai';
import type { OpenAICompletionModelSettings } from './openai-completion-language-model';
import type { OpenAIProviderSettings } from './openai-provider-settings';
import { failureOf, startRawServer, waitUntil } from './test-support/http-test-helpers';

let server: OpenAITestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Answers every prompt with the number of its characters: `<n> characters`. */
const lengthRule: AnswerRule = (request) => `${request.prompt.length} characters`;

async function modelWith(
  serverOptions: OpenAITestServerOptions,
  settings: OpenAIProviderSettings = {},
  modelSettings: OpenAICompletionModelSettings = { formatter: nemotronFormatter },
) {
  server = await createOpenAITestServer(serverOptions);
  const model = createOpenAI({ baseURL: server.baseURL, apiKey: 'sk-test-secret-key', ...settings }).completionModel(
    'nemotron-test-base',
    modelSettings,
  );
  return { server, model };
}

const user = (content: string): ChatMessage => ({ role: 'user', content });
const assistant = (content: string): ChatMessage => ({ role: 'assistant', content });
const hello: LanguageModelV1CallOptions = { messages: [user('Hello')], params: { maxTokens: 100 } };

describe('OpenAICompletionLanguageModel: prompts', () => {
  it('sends the conversation as the formatter writes it, to POST /completions, streaming by default', async () => {
    const { server, model } = await modelWith({ rules: [textRule({ match: /Hello/, answer: ' Hi there' })] });

    const result = await model.doGenerate(hello);

    expect(result.choices).toEqual([{ text: ' Hi there', finishReason: 'stop' }]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.path).toBe('/v1/completions');
    expect(server.requests[0]?.body).toEqual({
      model: 'nemotron-test-base',
      prompt: '<extra_id_0>System\n\n<extra_id_1>User\nHello\n<extra_id_1>Assistant\n',
      max_tokens: 100,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(server.requests[0]?.headers['authorization']).toBe('Bearer sk-test-secret-key');
  });

  it('sends a multi-turn conversation byte for byte as NeMo Curator writes it, with each formatter', async () => {
    const conversation = [user('Hello'), assistant('Hi there!'), user('How are you?'), assistant("I'm doing well, thank you!")];
    server = await createOpenAITestServer({ rules: [lengthRule] });
    const provider = createOpenAI({ baseURL: server.baseURL, apiKey: 'key' });

    await provider.completionModel('m', { formatter: mixtralFormatter }).doGenerate({ messages: conversation, params: {} });
    await provider.completionModel('m', { formatter: nemotronFormatter }).doGenerate({ messages: conversation.slice(0, 3), params: {} });
    await provider.completionModel('m', { formatter: noFormatFormatter }).doGenerate({ messages: [user('  raw text ')], params: {} });

    expect(server.requests.map((request) => request.prompt)).toEqual([
      "<s> [INST] \nHello [/INST]Hi there!</s>[INST] How are you? [/INST]I'm doing well, thank you!</s>[INST] ",
      '<extra_id_0>System\n\n<extra_id_1>User\nHello\n<extra_id_1>Assistant\nHi there!\n<extra_id_1>User\nHow are you?\n<extra_id_1>Assistant\n',
      '  raw text ',
    ]);
  });

  it('sends a prompt as it is, without formatting it', async () => {
    const { server, model } = await modelWith({ rules: [lengthRule] });

    const result = await model.doGenerate({ prompt: 'Once upon a time', params: {} });

    expect(server.requests[0]?.body).toHaveProperty('prompt', 'Once upon a time');
    expect(result.choices[0]?.text).toBe('16 characters');
  });

  it('refuses messages it has no formatter for, before any request', async () => {
    const { server, model } = await modelWith({ rules: [lengthRule] }, {}, {});

    const error = await failureOf(model.doGenerate(hello));
    const prompted = await model.doGenerate({ prompt: 'plain', params: {} });

    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('has no conversation formatter');
    expect((error as Error).message).toContain('formatter: nemotron, mixtral or no-format');
    expect(prompted.choices[0]?.text).toBe('5 characters');
    expect(server.requests).toHaveLength(1);
  });

  it("lets the formatter's errors through as they are, before any request", async () => {
    const { server, model } = await modelWith({ rules: [lengthRule] });

    const system = await failureOf(model.doGenerate({ messages: [{ role: 'system', content: 'Be brief.' }, user('Hi')], params: {} }));
    const order = await failureOf(model.doGenerate({ messages: [user('a'), user('b')], params: {} }));

    expect(InvalidArgumentError.isInstance(system)).toBe(true);
    expect((system as Error).message).toContain('the nemotron formatter has no system role');
    expect(InvalidArgumentError.isInstance(order)).toBe(true);
    expect((order as Error).message).toContain("Conversation turn 1 is 'user' but should be 'assistant'");
    expect(server.requests).toHaveLength(0);
  });

  it('refuses an empty conversation, before any request, as a chat API would', async () => {
    const { server, model } = await modelWith({ rules: [lengthRule] });

    const error = await failureOf(model.doGenerate({ messages: [], params: {} }));

    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ argument: 'messages' });
    expect((error as Error).message).toBe('The completion model "nemotron-test-base" got an empty conversation (messages: []). Send at least one message, or a prompt.');
    expect(server.requests).toHaveLength(0);
  });

  it("is its formatter's variant, so the response cache keeps its answers apart", async () => {
    const { model } = await modelWith({});
    const provider = createOpenAI({ baseURL: 'http://127.0.0.1:9/v1' });

    expect(model.variant).toBe('completions:nemotron');
    expect(provider.completionModel('m', { formatter: mixtralFormatter }).variant).toBe('completions:mixtral');
    expect(provider.completionModel('m').variant).toBe('completions');
    expect(provider.languageModel('m')).not.toHaveProperty('variant');
  });
});

describe('OpenAICompletionLanguageModel: parameters', () => {
  it('maps every parameter to its wire name and merges providerOptions.openai last', async () => {
    const { server, model } = await modelWith({ rules: [lengthRule] });

    await model.doGenerate({
      ...hello,
      params: {
        temperature: 0.7,
        topP: 0.9,
        maxTokens: 50,
        seed: 42,
        stop: ['<extra_id_1>', 'END'],
        n: 2,
        providerOptions: { openai: { temperature: 1.1, min_p: 0.05, echo: false }, anthropic: { top_k: 3 } },
      },
    });

    expect(server.requests[0]?.body).toEqual({
      model: 'nemotron-test-base',
      prompt: '<extra_id_0>System\n\n<extra_id_1>User\nHello\n<extra_id_1>Assistant\n',
      temperature: 1.1,
      top_p: 0.9,
      max_tokens: 50,
      seed: 42,
      stop: ['<extra_id_1>', 'END'],
      n: 2,
      min_p: 0.05,
      echo: false,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('sends parameters set to 0 and leaves unset ones out', async () => {
    const { server, model } = await modelWith({ rules: [lengthRule] }, { stream: false });

    await model.doGenerate({ ...hello, params: { temperature: 0, seed: 0, maxTokens: 0 } });

    expect(Object.keys(server.requests[0]?.body as object).sort()).toEqual(['max_tokens', 'model', 'prompt', 'seed', 'temperature']);
  });

  it('warns about what it did not send: topK, a response format, stream in provider options; and a missing maxTokens', async () => {
    const { server, model } = await modelWith({ rules: [lengthRule] });

    const result = await model.doGenerate({
      messages: [user('Hello')],
      params: { topK: 40, providerOptions: { openai: { stream: false } } },
      responseFormat: { type: 'json', schema: { type: 'object' } },
    });
    const quiet = await model.doGenerate(hello);

    expect(server.requests[0]?.body).not.toHaveProperty('top_k');
    expect(server.requests[0]?.body).not.toHaveProperty('response_format');
    expect(server.requests[0]?.body).toHaveProperty('stream', true);
    expect(result.warnings?.map((warning) => warning.setting)).toEqual([
      'topK',
      'providerOptions.openai.stream',
      'maxTokens',
      'responseFormat',
    ]);
    expect(result.warnings?.[0]?.message).toContain('The OpenAI completions API has no top-k sampling');
    expect(result.warnings?.[2]?.message).toContain('16 tokens');
    expect(quiet.warnings).toBeUndefined();
  });
});

describe('OpenAICompletionLanguageModel: results', () => {
  it('streams the choices in order, with usage, and reports activity per chunk', async () => {
    const { model } = await modelWith({ rules: [(request) => `choice ${request.choiceIndex} says hi`] });
    let activity = 0;

    const result = await model.doGenerate({ ...hello, params: { n: 2, maxTokens: 100 }, onActivity: () => activity++ });

    expect(result.choices).toEqual([
      { text: 'choice 0 says hi', finishReason: 'stop' },
      { text: 'choice 1 says hi', finishReason: 'stop' },
    ]);
    // The prompt's words (the formatted prompt: "<extra_id_0>System", "<extra_id_1>User", "Hello", "<extra_id_1>Assistant").
    expect(result.usage).toEqual({ inputTokens: 4, outputTokens: 8, cachedInputTokens: undefined });
    expect(result.raw).toMatchObject({ object: 'text_completion', choices: [{ index: 0, text: 'choice 0 says hi' }, { index: 1 }] });
    // The headers, then at least one chunk per word of each choice.
    expect(activity).toBeGreaterThanOrEqual(9);
  });

  it('answers without streaming when the stream setting is off, with the length finish reason', async () => {
    const { server, model } = await modelWith({ rules: [textRule({ match: /Hello/, answer: 'one two three four' })] }, { stream: false });

    const result = await model.doGenerate({ ...hello, params: { maxTokens: 2 } });

    expect(server.requests[0]?.body).not.toHaveProperty('stream');
    expect(result.choices).toEqual([{ text: 'one two', finishReason: 'length' }]);
    expect(result.usage).toMatchObject({ inputTokens: 4, outputTokens: 2 });
    expect(result.raw).toMatchObject({ object: 'text_completion', id: 'cmpl-testkit-1', model: 'nemotron-test-base' });
  });

  it('reports the served model, the request id, the rate-limit headers and its endpoint', async () => {
    const { model, server } = await modelWith({ rules: [lengthRule], rateLimit: { requestsPerMinute: 10, tokensPerMinute: 1000 } });

    const result = await model.doGenerate(hello);

    expect(result.response).toEqual({ modelId: 'nemotron-test-base', requestId: 'req_testkit_1' });
    expect(result.rateLimit).toMatchObject({ limitRequests: 10, remainingRequests: 9, limitTokens: 1000 });
    expect(model.endpoint).toBe(server.baseURL);
    expect(model.provider).toBe('openai');
    expect(model.modelId).toBe('nemotron-test-base');
  });

  it('orders choices by index and maps finish reasons and absent usage', async () => {
    const url = await startRawServer({
      status: 200,
      body: {
        id: 'cmpl-raw',
        object: 'text_completion',
        created: 0,
        model: 'served-model',
        choices: [
          { index: 1, text: null, finish_reason: 'tool_calls', logprobs: null },
          { index: 0, text: 'partial', finish_reason: 'content_filter', logprobs: null },
        ],
      },
    });

    const result = await createOpenAI({ baseURL: url, stream: false }).completionModel('m').doGenerate({ prompt: 'p', params: {} });

    expect(result.choices).toEqual([
      { text: 'partial', finishReason: 'content-filter' },
      { text: '', finishReason: 'other' },
    ]);
    expect(result.usage).toEqual({ inputTokens: undefined, outputTokens: undefined, cachedInputTokens: undefined });
    expect(result.response).toEqual({ modelId: 'served-model', requestId: 'cmpl-raw' });
  });
});

describe('OpenAICompletionLanguageModel: errors', () => {
  it('turns a 400 into a non-retryable APICallError with status, message, url and body', async () => {
    const { server, model } = await modelWith({ rules: [textRule({ match: /never/, answer: 'x' })] });

    const error = (await failureOf(model.doGenerate(hello))) as APICallError;

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 400, isRetryable: false, url: `${server.baseURL}/completions` });
    expect(error.message).toContain('No answer rule matched the completion request');
    expect(JSON.parse(error.responseBody ?? '')).toMatchObject({ error: { code: 'no_rule_matched' } });
  });

  it.each([
    [429, { 'retry-after-ms': '1500' }, 1.5],
    [500, { 'retry-after': '7' }, 7],
    [503, {}, undefined],
  ])('turns a %i into a retryable APICallError with its retry-after', async (status, headers, retryAfterSeconds) => {
    const { model } = await modelWith({ rules: [errorRule({ status, message: 'Try again later', headers })] });

    const error = (await failureOf(model.doGenerate(hello))) as APICallError;

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: status, isRetryable: true, retryAfterSeconds });
    expect(error.message).toContain('Try again later');
  });

  it('names where the key came from when the server refuses it, and never shows the key', async () => {
    const { model } = await modelWith({
      rules: [(request) => ({ status: 401, message: `Incorrect API key provided: ${request.headers['authorization']}` })],
    });

    const error = (await failureOf(model.doGenerate(hello))) as APICallError;

    expect(error.statusCode).toBe(401);
    expect(error.message).toContain('Bearer [redacted]');
    expect(error.message).toContain('The API key came from the apiKey setting');
    expect(`${error.message} ${error.responseBody}`).not.toContain('sk-test-secret-key');
  });

  it('turns a refused connection and a timeout into retryable APICallErrors with no status', async () => {
    const closed = await createOpenAITestServer();
    await closed.close();
    const refused = (await failureOf(
      createOpenAI({ baseURL: closed.baseURL }).completionModel('m').doGenerate({ prompt: 'p', params: {} }),
    )) as APICallError;
    const { model } = await modelWith({ rules: [lengthRule], latencyMs: 30_000 }, { timeoutMs: 100 });
    const timedOut = (await failureOf(model.doGenerate(hello))) as APICallError;

    expect(refused).toMatchObject({ statusCode: undefined, isRetryable: true, url: `${closed.baseURL}/completions` });
    expect(refused.message).toContain('ECONNREFUSED');
    expect(timedOut).toMatchObject({ statusCode: undefined, isRetryable: true });
    expect(timedOut.message).toContain('timed out after 100 ms');
  });

  it.each<[FaultKind, boolean, RegExp]>([
    ['truncated-stream', true, /ended before choice 0 was complete/],
    ['reset', true, /the connection broke while the answer was streaming in/],
    ['html', false, /not a completion \(not JSON\): <html>/],
    ['malformed-json', false, /not valid JSON/],
    ['missing-choices', false, /not a completion \(no "choices" list\)/],
  ])('turns a %s answer (streaming: %s) into a retryable error with status 200', async (fault, stream, pattern) => {
    const { model } = await modelWith({ rules: [faultRule({ fault })] }, { stream });

    const error = await failureOf(model.doGenerate(hello));

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 200, isRetryable: true });
    expect((error as Error).message).toMatch(pattern);
  });

  it('turns a stream that never sends one of the n choices into a retryable error', async () => {
    const chunk = (choice: Record<string, unknown>) =>
      `data: ${JSON.stringify({ id: 'cmpl-1', object: 'text_completion', created: 0, model: 'm', choices: [choice] })}\n\n`;
    const url = await startRawServer({
      status: 200,
      body: chunk({ index: 0, text: 'only one', finish_reason: null }) + chunk({ index: 0, text: '', finish_reason: 'stop' }) + 'data: [DONE]\n\n',
      headers: { 'content-type': 'text/event-stream' },
    });

    const error = await failureOf(createOpenAI({ baseURL: url }).completionModel('m').doGenerate({ prompt: 'p', params: { n: 2 } }));

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 200, isRetryable: true });
    expect((error as Error).message).toMatch(/ended before choice 1 was complete/);
  });

  it('rethrows an abort as it is, not as an APICallError', async () => {
    const { server, model } = await modelWith({ rules: [lengthRule], latencyMs: 30_000 });
    const controller = new AbortController();

    const call = failureOf(model.doGenerate({ ...hello, signal: controller.signal }));
    await waitUntil(() => server.inFlight === 1);
    controller.abort();
    const error = await call;

    expect(APICallError.isInstance(error)).toBe(false);
    expect(error).toBeInstanceOf(OpenAI.APIUserAbortError);
  });
});
