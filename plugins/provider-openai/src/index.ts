import { definePlugin } from '@synthkit/core';
import { createOpenAI } from './create-openai';
import { openAIProviderSettingsSchema } from './openai-provider-settings';
import { VERSION } from './version';

export { createOpenAI } from './create-openai';
export type { OpenAIProvider } from './create-openai';
export { OpenAIChatLanguageModel } from './openai-chat-language-model';
export type { OpenAIChatLanguageModelConfig } from './openai-chat-language-model';
export { openAIProviderSettingsSchema } from './openai-provider-settings';
export type { OpenAIProviderSettings } from './openai-provider-settings';

/**
 * The synthkit plugin: provider `openai`, so recipes reference models as `openai:<model id>`
 * (`openai:gpt-4o-mini`), with settings from the recipe's `providers.openai` block.
 */
export default definePlugin({
  specificationVersion: 'v1',
  meta: { name: '@synthkit/provider-openai', version: VERSION, namespace: 'openai' },
  providers: {
    openai: {
      specificationVersion: 'v1',
      description: 'Chat models behind api.openai.com or any OpenAI-compatible endpoint (vLLM, NIM, TGI, OpenRouter).',
      settings: openAIProviderSettingsSchema,
      create: createOpenAI,
    },
  },
});
