import { definePlugin, defineProvider, languageModelFactory } from '@synthkit/core';
import { createMock } from './create-mock';
import { mockProviderSettingsSchema } from './mock-provider-settings';
import { VERSION } from './version';

export { createMock } from './create-mock';
export type { MockProvider } from './create-mock';
export { MockLanguageModel, mockCharactersPerToken } from './mock-language-model';
export type { MockLanguageModelConfig } from './mock-language-model';
export { MockRewardModel, mockRewardAttributes } from './mock-reward-model';
export { MockEmbeddingModel, mockEmbeddingDimensions } from './mock-embedding-model';
export { mockProviderSettingsSchema } from './mock-provider-settings';
export type { MockLatencyRange, MockProviderSettings } from './mock-provider-settings';

/**
 * The synthkit plugin: provider `mock`, so recipes reference models as `mock:<any id>`, with
 * settings from the recipe's `providers.mock` block. `synthkit run --mock` loads it for every role.
 */
const plugin = definePlugin({
  specificationVersion: 'v1',
  meta: { name: '@synthkit/provider-mock', version: VERSION, namespace: 'mock' },
  providers: {
    mock: defineProvider({
      description:
        'Answers every prompt offline with plausible, deterministic text (lists, YAML conversions, JSON for a schema, yes/no), and offers mock reward and embedding models: a free end-to-end check of a recipe.',
      settings: mockProviderSettingsSchema,
      create: createMock,
    }),
  },
});

export default plugin;

/** The model factory for pipelines written in code: `mock('offline')` answers every call offline. */
export const mock = languageModelFactory(plugin, 'mock');
