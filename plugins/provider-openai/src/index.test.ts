import { readFileSync } from 'node:fs';
import { definePlugin, validatePluginManifest } from '@synthkit/core';
import { createOpenAITestServer, textRule } from '@synthkit/test-server';
import { describe, expect, it } from 'vitest';
import plugin, { createOpenAI, OpenAIChatLanguageModel } from './index';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

describe('@synthkit/provider-openai plugin', () => {
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
});
