import { validatePluginManifest } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { MockLanguageModelV1 } from './mock-language-model-v1';
import { scriptedProviderPlugin } from './scripted-provider-plugin';

describe('scriptedProviderPlugin', () => {
  it('is a valid plugin whose scripted provider hands out the given model, or one per model id', () => {
    const model = new MockLanguageModelV1({ doGenerate: 'Hi.' });
    const plugin = scriptedProviderPlugin(model);
    expect(validatePluginManifest(plugin)).toEqual([]);
    const provider = plugin.providers.scripted.create({});
    expect(provider.languageModel('any')).toBe(model);
    const models = scriptedProviderPlugin((modelId) => new MockLanguageModelV1({ modelId }));
    const perId = models.providers.scripted.create({});
    expect(perId.languageModel('teacher').modelId).toBe('teacher');
  });
});
