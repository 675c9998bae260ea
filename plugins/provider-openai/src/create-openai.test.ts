import { InvalidArgumentError, LoadAPIKeyError } from '@synthkit/core';
import { createOpenAITestServer, errorRule, type OpenAITestServer, textRule } from '@synthkit/test-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOpenAI } from './create-openai';
import { nemotronFormatter } from '@synthkit/provider-utils';
import { OpenAIChatLanguageModel } from './openai-chat-language-model';
import { OpenAICompletionLanguageModel } from './openai-completion-language-model';
import { OpenAIEmbeddingModel } from './openai-embedding-model';

let server: OpenAITestServer | undefined;

afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

async function startServer() {
  server = await createOpenAITestServer({ rules: [textRule({ match: /.*/, answer: 'ok' })] });
  return server;
}

const hello = { messages: [{ role: 'user', content: 'Hello' }], params: {} } as const;

describe('createOpenAI', () => {
  it('makes no request when creating the provider or its models', async () => {
    const server = await startServer();

    const model = createOpenAI({ baseURL: server.baseURL, apiKey: 'key' }).languageModel('gpt-test');

    expect(model).toBeInstanceOf(OpenAIChatLanguageModel);
    expect(model.modelId).toBe('gpt-test');
    expect(server.requests).toHaveLength(0);
  });

  it('reads OPENAI_BASE_URL and OPENAI_API_KEY when the provider is created', async () => {
    const server = await startServer();
    vi.stubEnv('OPENAI_BASE_URL', server.baseURL);
    vi.stubEnv('OPENAI_API_KEY', 'sk-from-environment');

    const provider = createOpenAI();
    vi.stubEnv('OPENAI_API_KEY', 'sk-changed-later');
    await provider.languageModel('gpt-test').doGenerate(hello);

    expect(server.requests[0]?.headers['authorization']).toBe('Bearer sk-from-environment');
  });

  it('prefers explicit settings over the environment', async () => {
    const server = await startServer();
    vi.stubEnv('OPENAI_BASE_URL', 'http://127.0.0.1:9/v1');
    vi.stubEnv('OPENAI_API_KEY', 'sk-from-environment');

    await createOpenAI({ baseURL: server.baseURL, apiKey: 'sk-explicit' }).languageModel('gpt-test').doGenerate(hello);

    expect(server.requests[0]?.headers['authorization']).toBe('Bearer sk-explicit');
  });

  it('throws LoadAPIKeyError saying how to fix it when api.openai.com has no key', () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    vi.stubEnv('OPENAI_BASE_URL', '');

    const create = () => createOpenAI();

    expect(create).toThrow(/OPENAI_API_KEY/);
    expect(create).toThrow(/providers\.openai/);
    let error: unknown;
    try {
      create();
    } catch (caught) {
      error = caught;
    }
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
  });

  it('sends a placeholder key to a custom base URL when no key is set', async () => {
    const server = await startServer();
    vi.stubEnv('OPENAI_API_KEY', '');

    const result = await createOpenAI({ baseURL: server.baseURL }).languageModel('local-model').doGenerate(hello);

    expect(result.choices[0]?.text).toBe('ok');
    expect(server.requests[0]?.headers['authorization']).toMatch(/^Bearer \S+$/);
  });

  it('sends the extra headers and the organization', async () => {
    const server = await startServer();

    await createOpenAI({
      baseURL: server.baseURL,
      apiKey: 'key',
      organization: 'org-123',
      headers: { 'x-gateway-tenant': 'research' },
    })
      .languageModel('gpt-test')
      .doGenerate(hello);

    expect(server.requests[0]?.headers['x-gateway-tenant']).toBe('research');
    expect(server.requests[0]?.headers['openai-organization']).toBe('org-123');
  });

  it('sends every request through the injected fetch', async () => {
    const server = await startServer();
    const calls: string[] = [];
    const recordingFetch = (input: string | URL | Request, init?: RequestInit) => {
      calls.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    };

    await createOpenAI({ baseURL: server.baseURL, apiKey: 'key', fetch: recordingFetch })
      .languageModel('gpt-test')
      .doGenerate(hello);

    expect(calls).toEqual([`${server.baseURL}/chat/completions`]);
  });

  it('never retries inside the SDK: the engine retries, and must see every attempt', async () => {
    server = await createOpenAITestServer({
      rules: [errorRule({ status: 500, message: 'flaky', headers: { 'retry-after-ms': '1' } })],
    });

    const model = createOpenAI({ baseURL: server.baseURL, apiKey: 'key' }).languageModel('m');
    await expect(model.doGenerate(hello)).rejects.toThrow(/flaky/);

    expect(server.requests).toHaveLength(1);
  });

  it('rejects invalid settings with InvalidArgumentError naming the setting', () => {
    const failures = [
      () => createOpenAI({ baseURL: 'localhost:8000' }),
      () => createOpenAI({ apiKey: 'key', timeoutMs: -5 }),
      () => createOpenAI({ apiKey: 'key', base_url: 'http://x' } as never),
    ].map((create) => {
      try {
        create();
      } catch (error) {
        return error;
      }
      return undefined;
    });

    expect(failures.every((error) => InvalidArgumentError.isInstance(error))).toBe(true);
    const argumentNames = failures.map((error) => (error as InvalidArgumentError).argument);
    expect(argumentNames).toEqual(['baseURL', 'timeoutMs', 'settings']);
    expect((failures[2] as Error).message).toContain('base_url');
  });

  it('rejects a base URL holding credentials without repeating them', () => {
    const create = () => createOpenAI({ baseURL: 'http://user:url-secret@127.0.0.1:8000/v1' });

    expect(create).toThrow(/user name or password/);
    expect(create).not.toThrow(/url-secret/);
  });

  it('rejects an OPENAI_BASE_URL that is not a URL, naming the variable', () => {
    vi.stubEnv('OPENAI_BASE_URL', 'not a url');

    expect(() => createOpenAI({ apiKey: 'key' })).toThrow(/OPENAI_BASE_URL/);
  });
});

describe('createOpenAI: models', () => {
  it('makes chat, completion and embedding models on the same endpoint, sending nothing', async () => {
    const server = await startServer();
    const provider = createOpenAI({ baseURL: server.baseURL, apiKey: 'key' });

    const chat = provider.languageModel('m', { api: 'chat' });
    const completion = provider.languageModel('m', { api: 'completions', formatter: nemotronFormatter });
    const direct = provider.completionModel('m', { formatter: nemotronFormatter });
    const embedding = provider.embeddingModel('e', { dimensions: 4 });

    expect(chat).toBeInstanceOf(OpenAIChatLanguageModel);
    expect(completion).toBeInstanceOf(OpenAICompletionLanguageModel);
    expect(completion).toMatchObject({ formatter: nemotronFormatter, variant: 'completions:nemotron' });
    expect(direct.variant).toBe(completion.variant);
    expect(embedding).toBeInstanceOf(OpenAIEmbeddingModel);
    expect(new Set([chat.endpoint, completion.endpoint, embedding.endpoint])).toEqual(new Set([server.baseURL]));
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [{ api: 'completions' }, 'formatter', /api: completions sends one prompt string, so the model needs a formatter/],
    [{ formatter: nemotronFormatter }, 'formatter', /a formatter is only used with api: completions/],
    [{ api: 'legacy' }, 'api', /api must be "chat" \(the default\) or "completions"/],
    [{ api: 'completions', formatter: 'nemotron' }, 'formatter', /formatter must be a conversation formatter/],
    [{ temperature: 1 }, 'settings', /Unrecognized key: "temperature"/],
  ])('refuses the model settings %j, naming the setting', (settings, argument, pattern) => {
    const create = () => createOpenAI({ baseURL: 'http://127.0.0.1:9/v1' }).languageModel('m', settings as never);

    let error: unknown;
    try {
      create();
    } catch (caught) {
      error = caught;
    }
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe(argument);
    expect((error as Error).message).toMatch(/^Invalid OpenAI model setting: /);
    expect((error as Error).message).toMatch(pattern);
  });
});
