import { readFileSync } from 'node:fs';
import { definePlugin, InvalidArgumentError, validatePluginManifest } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import plugin, { createMock, MockLanguageModel } from './index';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

describe('@synthkit/provider-mock plugin', () => {
  it('is a valid plugin whose meta matches package.json', () => {
    expect(validatePluginManifest(plugin)).toEqual([]);
    expect(definePlugin(plugin)).toBe(plugin);
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'mock' });
  });

  it('exposes the provider as "mock", with createMock as its factory', () => {
    expect(Object.keys(plugin.providers)).toEqual(['mock']);
    expect(plugin.providers.mock.create).toBe(createMock);
    expect(plugin.providers.mock.description).not.toBe('');
  });

  it('validates recipe settings strictly', () => {
    const { settings } = plugin.providers.mock;
    expect(settings.safeParse({}).success).toBe(true);
    expect(settings.safeParse({ latencyMs: 50 }).success).toBe(true);
    expect(settings.safeParse({ latencyMs: { min: 10, max: 200 } }).success).toBe(true);
    expect(settings.safeParse({ latency: 50 }).success).toBe(false);
    expect(settings.safeParse({ latencyMs: -1 }).success).toBe(false);
    expect(settings.safeParse({ latencyMs: '50' }).success).toBe(false);
    expect(settings.safeParse({ latencyMs: { min: 200, max: 10 } }).success).toBe(false);
    expect(settings.safeParse({ latencyMs: { min: 10 } }).success).toBe(false);
    expect(settings.safeParse({ latencyMs: 600_001 }).success).toBe(false);
  });

  it('creates working models from parsed recipe settings, for any model id', async () => {
    const { settings, create } = plugin.providers.mock;
    const model = create(settings.parse({ latencyMs: 1 })).languageModel('gpt-4o-mini');
    const result = await model.doGenerate({ prompt: 'List 3 ideas for a picnic.', params: {} });
    expect(model).toBeInstanceOf(MockLanguageModel);
    expect(model).toMatchObject({ specificationVersion: 'v1', provider: 'mock', modelId: 'gpt-4o-mini' });
    expect(result.choices[0]!.text.split('\n')).toHaveLength(3);
  });
});

describe('createMock', () => {
  it.each([
    [{ latency: 50 }, 'settings', 'unknown key "latency" (did you mean "latencyMs"?). Valid keys: latencyMs.'],
    [{ latencyMs: 'fast' }, 'latencyMs', 'latencyMs must be a number of milliseconds (e.g. 50) or a range { min: 20, max: 200 }.'],
    [{ latencyMs: -5 }, 'latencyMs', 'latencyMs must be at least 0 milliseconds.'],
    [{ latencyMs: { min: 300, max: 100 } }, 'latencyMs.min', 'latencyMs.min must not be greater than latencyMs.max.'],
  ])('throws a clear InvalidArgumentError for %j', (settings, argument, message) => {
    let thrown: unknown;
    try {
      createMock(settings as never);
    } catch (error) {
      thrown = error;
    }
    expect(InvalidArgumentError.isInstance(thrown)).toBe(true);
    expect((thrown as InvalidArgumentError).argument).toBe(argument);
    expect((thrown as Error).message).toBe(`Invalid mock provider setting: ${message}`);
  });
});
