import { readFileSync } from 'node:fs';
import { definePlugin, validatePluginManifest } from '@synthkit/core';
import { createAnthropicTestServer, textRule } from '@synthkit/test-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import plugin, { AnthropicMessagesLanguageModel, createAnthropic } from './index';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('@synthkit/provider-anthropic plugin', () => {
  it('offers claude-haiku-4-5 to recipes that name no model, after OpenAI, when an Anthropic key is set', () => {
    const offer = plugin.providers?.['anthropic']?.defaultModel;
    expect(offer).toMatchObject({ modelId: 'claude-haiku-4-5', priority: 20 });
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    vi.stubEnv('ANTHROPIC_BASE_URL', '');
    expect(offer?.available()).toBeUndefined();
    vi.stubEnv('ANTHROPIC_API_KEY', 'sk-ant-live');
    expect(offer?.available()).toBe('ANTHROPIC_API_KEY is set');
    vi.stubEnv('ANTHROPIC_BASE_URL', 'http://localhost:9000');
    expect(offer?.available()).toBeUndefined();
  });

  it('is a valid plugin whose meta matches package.json', () => {
    expect(validatePluginManifest(plugin)).toEqual([]);
    expect(definePlugin(plugin)).toBe(plugin);
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'anthropic' });
  });

  it('exposes the provider as "anthropic", with createAnthropic as its factory', () => {
    expect(Object.keys(plugin.providers)).toEqual(['anthropic']);
    expect(plugin.providers.anthropic.create).toBe(createAnthropic);
    expect(plugin.providers.anthropic.description).not.toBe('');
  });

  it('validates recipe settings strictly, without fetch', () => {
    const { settings } = plugin.providers.anthropic;

    const complete = { baseURL: 'https://api.anthropic.com', apiKey: 'key', headers: { 'x-a': 'b' }, stream: false, timeoutMs: 5000, maxTokens: 1024 };
    expect(settings.safeParse(complete).success).toBe(true);
    expect(settings.safeParse({}).success).toBe(true);
    expect(settings.safeParse({ base_url: 'https://api.anthropic.com' }).success).toBe(false);
    expect(settings.safeParse({ fetch: () => undefined }).success).toBe(false);
    expect(settings.safeParse({ baseURL: 'ftp://example.com' }).success).toBe(false);
    expect(settings.safeParse({ maxRetries: 0 }).success).toBe(false);
    expect(settings.safeParse({ maxTokens: 2.5 }).success).toBe(false);
  });

  it('creates working models from parsed recipe settings', async () => {
    const server = await createAnthropicTestServer({ rules: [textRule({ match: /ping/, answer: 'pong' })] });
    try {
      const { settings, create } = plugin.providers.anthropic;
      const model = create(settings.parse({ baseURL: server.baseURL, apiKey: 'key' })).languageModel('claude-sonnet-4-5');

      const result = await model.doGenerate({ prompt: 'ping', params: {} });

      expect(model).toBeInstanceOf(AnthropicMessagesLanguageModel);
      expect(result.choices[0]?.text).toBe('pong');
      expect(server.requests[0]?.body).toMatchObject({ model: 'claude-sonnet-4-5' });
    } finally {
      await server.close();
    }
  });
});
