import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { validatePluginManifest } from '../../plugin/v1/define-plugin';
import { defineProvider } from './define-provider';

describe('defineProvider', () => {
  it('makes a v1 provider definition with its settings typed from their schema', async () => {
    const echo = defineProvider({
      description: 'Answers every prompt with itself.',
      settings: z.object({ prefix: z.string().default('') }),
      defaultModel: { modelId: 'echo', priority: 90, available: () => undefined },
      create: (settings) => {
        expectTypeOf(settings).toEqualTypeOf<{ prefix: string }>();
        return {
          specificationVersion: 'v1',
          languageModel: (modelId) => ({
            specificationVersion: 'v1',
            provider: 'echo',
            modelId,
            doGenerate: async (options) => ({
              choices: [{ text: `${settings.prefix}${options.prompt ?? ''}`, finishReason: 'stop' }],
              usage: { inputTokens: 1, outputTokens: 1 },
            }),
          }),
        };
      },
    });
    expect(echo.specificationVersion).toBe('v1');
    expect(validatePluginManifest({ specificationVersion: 'v1', meta: { name: 'p', version: '1.0.0', namespace: 'p' }, providers: { echo } })).toEqual([]);
    const model = echo.create(echo.settings.parse({ prefix: '> ' })).languageModel('any');
    expect((await model.doGenerate({ prompt: 'hi', params: {} })).choices[0]?.text).toBe('> hi');
    defineProvider({
      description: 'A typo in a setting.',
      settings: z.object({ baseURL: z.string() }),
      // @ts-expect-error: the setting is baseURL.
      create: ({ baseUrl }) => ({ specificationVersion: 'v1', languageModel: () => baseUrl }),
    });
  });

  it('keeps the schema of the provider options, which the manifest check requires to be a zod schema', () => {
    const create = () => ({ specificationVersion: 'v1' as const, languageModel: () => { throw new Error('unused'); } });
    const providerOptions = z.strictObject({ minP: z.number().max(1).optional() });
    const local = defineProvider({ description: 'A local model.', settings: z.object({}), providerOptions, create });
    const manifest = (providers: object) => ({ specificationVersion: 'v1', meta: { name: 'p', version: '1.0.0', namespace: 'p' }, providers });

    expect(local.providerOptions).toBe(providerOptions);
    expect(validatePluginManifest(manifest({ local }))).toEqual([]);
    expect(validatePluginManifest(manifest({ local: { ...local, providerOptions: { minP: 'number' } } }))).toEqual([
      { path: 'providers.local.providerOptions', message: 'must be a zod schema (zod 4), e.g. z.object({ ... })' },
    ]);
  });
});
