import { definePlugin, defineProvider, languageModelFactory } from '@synthkit/core';
import { readEnvironmentVariable } from '@synthkit/provider-utils';
import { anthropicProviderSettingsSchema } from './anthropic-provider-settings';
import { createAnthropic } from './create-anthropic';
import { VERSION } from './version';

export { createAnthropic } from './create-anthropic';
export type { AnthropicProvider } from './create-anthropic';
export { AnthropicMessagesLanguageModel } from './anthropic-messages-language-model';
export type { AnthropicMessagesLanguageModelConfig, LazyAnthropicClient } from './anthropic-messages-language-model';
export { AnthropicBatchApi } from './anthropic-batch-api';
export type { AnthropicBatchApiConfig } from './anthropic-batch-api';
export { anthropicProviderSettingsSchema, defaultMaxTokens } from './anthropic-provider-settings';
export type { AnthropicProviderSettings } from './anthropic-provider-settings';

/**
 * The synthkit plugin: provider `anthropic`, so recipes reference models as `anthropic:<model id>`
 * (`anthropic:claude-sonnet-4-5`), with settings from the recipe's `providers.anthropic` block.
 */
const plugin = definePlugin({
  specificationVersion: 'v1',
  meta: { name: '@synthkit/provider-anthropic', version: VERSION, namespace: 'anthropic' },
  providers: {
    anthropic: defineProvider({
      description: "Claude models through Anthropic's Messages API (api.anthropic.com, or a gateway speaking it).",
      settings: anthropicProviderSettingsSchema,
      // For a recipe that names no model: Anthropic's small model, when a key for its API is set
      // (after OpenAI's offer, priority 10).
      defaultModel: {
        modelId: 'claude-haiku-4-5',
        priority: 20,
        available: () =>
          readEnvironmentVariable('ANTHROPIC_API_KEY') != null && readEnvironmentVariable('ANTHROPIC_BASE_URL') == null
            ? 'ANTHROPIC_API_KEY is set'
            : undefined,
      },
      create: createAnthropic,
    }),
  },
});

export default plugin;

/** The model factory for pipelines written in code: `anthropic('claude-haiku-4-5')`. */
export const anthropic = languageModelFactory(plugin, 'anthropic');
