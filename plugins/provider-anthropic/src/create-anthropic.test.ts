import { InvalidArgumentError, LoadAPIKeyError } from '@synthkit/core';
import { type AnthropicTestServer, createAnthropicTestServer, errorRule, textRule } from '@synthkit/test-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnthropicMessagesLanguageModel } from './anthropic-messages-language-model';
import { createAnthropic } from './create-anthropic';

let server: AnthropicTestServer | undefined;

afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

async function startServer() {
  server = await createAnthropicTestServer({ rules: [textRule({ match: /.*/, answer: 'ok' })] });
  return server;
}

const hello = { messages: [{ role: 'user', content: 'Hello' }], params: {} } as const;

/** The error `create` throws (the test fails if it does not throw). */
function failureOf(create: () => unknown): unknown {
  try {
    create();
  } catch (error) {
    return error;
  }
  throw new Error('expected createAnthropic to throw');
}

describe('createAnthropic', () => {
  it('makes no request when creating the provider or its models', async () => {
    const server = await startServer();

    const model = createAnthropic({ baseURL: server.baseURL, apiKey: 'key' }).languageModel('claude-test');

    expect(model).toBeInstanceOf(AnthropicMessagesLanguageModel);
    expect(model.modelId).toBe('claude-test');
    expect(server.requests).toHaveLength(0);
  });

  it('reads ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY when the provider is created', async () => {
    const server = await startServer();
    vi.stubEnv('ANTHROPIC_BASE_URL', server.baseURL);
    vi.stubEnv('ANTHROPIC_API_KEY', 'sk-ant-from-environment');

    const provider = createAnthropic();
    vi.stubEnv('ANTHROPIC_API_KEY', 'sk-ant-changed-later');
    await provider.languageModel('claude-test').doGenerate(hello);

    expect(server.requests[0]?.headers['authorization']).toBe('Bearer sk-ant-from-environment');
  });

  it('prefers explicit settings over the environment, and never reads ANTHROPIC_AUTH_TOKEN', async () => {
    const server = await startServer();
    vi.stubEnv('ANTHROPIC_BASE_URL', 'http://127.0.0.1:9');
    vi.stubEnv('ANTHROPIC_API_KEY', 'sk-ant-from-environment');
    vi.stubEnv('ANTHROPIC_AUTH_TOKEN', 'token-from-environment');

    await createAnthropic({ baseURL: server.baseURL, apiKey: 'sk-ant-explicit' }).languageModel('claude-test').doGenerate(hello);

    expect(server.requests[0]?.headers['authorization']).toBe('Bearer sk-ant-explicit');
  });

  it('throws LoadAPIKeyError saying how to fix it when api.anthropic.com has no key', () => {
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    vi.stubEnv('ANTHROPIC_BASE_URL', '');

    const error = failureOf(() => createAnthropic());

    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('ANTHROPIC_API_KEY');
    expect((error as Error).message).toContain('providers.anthropic');
  });

  it('sends a placeholder key to another base URL when no key is set, and says so when it is refused', async () => {
    server = await createAnthropicTestServer({ rules: [errorRule({ status: 401, message: 'invalid x-api-key' })] });
    vi.stubEnv('ANTHROPIC_API_KEY', '');

    const error = await createAnthropic({ baseURL: server.baseURL }).languageModel('claude-test').doGenerate(hello).catch((caught: unknown) => caught);

    expect(server.requests[0]?.headers['authorization']).toMatch(/^Bearer \S+$/);
    expect((error as Error).message).toContain('The API key came from nowhere: no key is set, so a placeholder was sent (set ANTHROPIC_API_KEY).');
  });

  it('sends the extra headers with every request', async () => {
    const server = await startServer();

    await createAnthropic({ baseURL: server.baseURL, apiKey: 'key', headers: { 'anthropic-beta': 'some-feature-2025-01-01', 'x-tenant': 'research' } })
      .languageModel('claude-test')
      .doGenerate(hello);

    expect(server.requests[0]?.headers['anthropic-beta']).toBe('some-feature-2025-01-01');
    expect(server.requests[0]?.headers['x-tenant']).toBe('research');
  });

  it('sends every request through the injected fetch', async () => {
    const server = await startServer();
    const calls: string[] = [];
    const recordingFetch = (input: string | URL | Request, init?: RequestInit) => {
      calls.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    };

    await createAnthropic({ baseURL: server.baseURL, apiKey: 'key', fetch: recordingFetch }).languageModel('claude-test').doGenerate(hello);

    expect(calls).toEqual([`${server.baseURL}/v1/messages`]);
  });

  it('never retries inside the SDK: the engine retries, and must see every attempt', async () => {
    server = await createAnthropicTestServer({
      rules: [errorRule({ status: 529, message: 'Overloaded', headers: { 'retry-after': '0' } })],
    });

    const model = createAnthropic({ baseURL: server.baseURL, apiKey: 'key' }).languageModel('claude-test');
    await expect(model.doGenerate(hello)).rejects.toThrow(/Overloaded/);

    expect(server.requests).toHaveLength(1);
  });

  it('rejects invalid settings with InvalidArgumentError naming the setting', () => {
    const failures = [
      () => createAnthropic({ baseURL: 'api.anthropic.com' }),
      () => createAnthropic({ apiKey: 'key', timeoutMs: -5 }),
      () => createAnthropic({ apiKey: 'key', maxTokens: 0 }),
      () => createAnthropic({ apiKey: 'key', base_url: 'http://x' } as never),
      () => createAnthropic({ apiKey: 'key', fetch: 'yes' } as never),
    ].map(failureOf);

    expect(failures.every((error) => InvalidArgumentError.isInstance(error))).toBe(true);
    expect(failures.map((error) => (error as InvalidArgumentError).argument)).toEqual([
      'baseURL',
      'timeoutMs',
      'maxTokens',
      'settings',
      'fetch',
    ]);
    expect((failures[0] as Error).message).toMatch(/^Invalid Anthropic provider setting: baseURL must be an http\(s\) URL/);
    expect((failures[3] as Error).message).toContain('base_url');
  });

  it('rejects a base URL holding credentials without repeating them, and an invalid ANTHROPIC_BASE_URL by name', () => {
    vi.stubEnv('ANTHROPIC_BASE_URL', 'not a url');

    const withCredentials = failureOf(() => createAnthropic({ baseURL: 'http://user:url-secret@127.0.0.1:8000' }));
    const fromEnvironment = failureOf(() => createAnthropic({ apiKey: 'key' }));

    expect((withCredentials as Error).message).toContain('user name or password');
    expect((withCredentials as Error).message).not.toContain('url-secret');
    expect((fromEnvironment as InvalidArgumentError).argument).toBe('ANTHROPIC_BASE_URL');
    expect((fromEnvironment as Error).message).toContain('"not a url"');
  });
});
