import { definePlugin } from '@synthkit/core';
import { anthropicProviderSettingsSchema } from './anthropic-provider-settings';
import { createAnthropic } from './create-anthropic';
import { VERSION } from './version';

export { createAnthropic } from './create-anthropic';
export type { AnthropicProvider } from './create-anthropic';
export { AnthropicMessagesLanguageModel } from './anthropic-messages-language-model';
export type { AnthropicMessagesLanguageModelConfig, LazyAnthropicClient } from './anthropic-messages-language-model';
export { anthropicProviderSettingsSchema, defaultMaxTokens } from './anthropic-provider-settings';
export type { AnthropicProviderSettings } from './anthropic-provider-settings';

/**
 * The synthkit plugin: provider `anthropic`, so recipes reference models as `anthropic:<model id>`
 * (`anthropic:claude-sonnet-4-5`), with settings from the recipe's `providers.anthropic` block.
 */
export default definePlugin({
  specificationVersion: 'v1',
  meta: { name: '@synthkit/provider-anthropic', version: VERSION, namespace: 'anthropic' },
  providers: {
    anthropic: {
      specificationVersion: 'v1',
      description: "Claude models through Anthropic's Messages API (api.anthropic.com, or a gateway speaking it).",
      settings: anthropicProviderSettingsSchema,
      create: createAnthropic,
    },
  },
});
