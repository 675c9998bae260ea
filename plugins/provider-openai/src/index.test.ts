import { readFileSync } from 'node:fs';
import { definePlugin, validatePluginManifest } from '@synthkit/core';
import { createOpenAITestServer, textRule } from '@synthkit/test-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { conversationFormatters } from '@synthkit/provider-utils';
import plugin, { createOpenAI, nemotronFormatter, OpenAIChatLanguageModel, OpenAICompletionLanguageModel } from './index';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('@synthkit/provider-openai plugin', () => {
  it('offers gpt-4o-mini to recipes that name no model, when a key for api.openai.com is set', () => {
    const offer = plugin.providers?.['openai']?.defaultModel;
    expect(offer).toMatchObject({ modelId: 'gpt-4o-mini', priority: 10 });
    vi.stubEnv('OPENAI_API_KEY', '');
    vi.stubEnv('OPENAI_BASE_URL', '');
    expect(offer?.available()).toBeUndefined();
    vi.stubEnv('OPENAI_API_KEY', 'sk-live');
    expect(offer?.available()).toBe('OPENAI_API_KEY is set');
    // Another server's model ids are unknown: no default there.
    vi.stubEnv('OPENAI_BASE_URL', 'http://localhost:8000/v1');
    expect(offer?.available()).toBeUndefined();
  });

  it('is a valid plugin whose meta matches package.json', () => {
    expect(validatePluginManifest(plugin)).toEqual([]);
    expect(definePlugin(plugin)).toBe(plugin);
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'openai' });
  });

  it('exposes the provider as "openai", with createOpenAI as its factory', () => {
    expect(Object.keys(plugin.providers)).toEqual(['openai']);
    expect(plugin.providers.openai.create).toBe(createOpenAI);
    expect(plugin.providers.openai.description).not.toBe('');
  });

  it('validates recipe settings strictly, without fetch', () => {
    const { settings } = plugin.providers.openai;

    const complete = { baseURL: 'http://localhost:8000/v1', apiKey: 'key', timeoutMs: 5000, stream: false };
    expect(settings.safeParse(complete).success).toBe(true);
    expect(settings.safeParse({}).success).toBe(true);
    expect(settings.safeParse({ base_url: 'http://localhost:8000/v1' }).success).toBe(false);
    expect(settings.safeParse({ fetch: () => undefined }).success).toBe(false);
    expect(settings.safeParse({ baseURL: 'ftp://example.com' }).success).toBe(false);
    expect(settings.safeParse({ maxRetries: 0 }).success).toBe(false);
    expect(settings.safeParse({ stream: 'yes' }).success).toBe(false);
  });

  it('creates working models from parsed recipe settings', async () => {
    const server = await createOpenAITestServer({ rules: [textRule({ match: /ping/, answer: 'pong' })] });
    try {
      const { settings, create } = plugin.providers.openai;
      const model = create(settings.parse({ baseURL: server.baseURL, apiKey: 'key' })).languageModel('gpt-4o-mini');

      const result = await model.doGenerate({ prompt: 'ping', params: {} });

      expect(model).toBeInstanceOf(OpenAIChatLanguageModel);
      expect(result.choices[0]?.text).toBe('pong');
      expect(server.requests[0]?.body).toMatchObject({ model: 'gpt-4o-mini' });
    } finally {
      await server.close();
    }
  });

  it('contributes the built-in conversation formatters as openai:nemotron, openai:mixtral and openai:no-format', () => {
    expect(plugin.formatters).toBe(conversationFormatters);
    expect(Object.keys(plugin.formatters)).toEqual(['nemotron', 'mixtral', 'no-format']);
    expect(plugin.formatters.nemotron).toBe(nemotronFormatter);
  });

  it('validates model settings from a recipe, and creates completion models from them', async () => {
    const { modelSettings, settings, create } = plugin.providers.openai;
    if (modelSettings == null) throw new Error('expected the openai provider to declare model settings');
    const server = await createOpenAITestServer({ rules: [textRule({ match: /<extra_id_1>User\nping\n/, answer: 'pong' })] });
    try {
      const parsed = modelSettings.parse({ api: 'completions', formatter: nemotronFormatter });
      const model = create(settings.parse({ baseURL: server.baseURL })).languageModel('base-model', parsed);

      const result = await model.doGenerate({ messages: [{ role: 'user', content: 'ping' }], params: { maxTokens: 5 } });

      expect(model).toBeInstanceOf(OpenAICompletionLanguageModel);
      expect(result.choices[0]?.text).toBe('pong');
      expect(server.requests[0]?.path).toBe('/v1/completions');
      expect(modelSettings.safeParse({}).success).toBe(true);
      expect(modelSettings.safeParse({ api: 'chat' }).success).toBe(true);
      expect(modelSettings.safeParse({ api: 'completions' }).success).toBe(false);
      expect(modelSettings.safeParse({ api: 'chat', formatter: nemotronFormatter }).success).toBe(false);
      expect(modelSettings.safeParse({ api: 'completions', formatter: nemotronFormatter, stream: false }).success).toBe(false);
    } finally {
      await server.close();
    }
  });
});
