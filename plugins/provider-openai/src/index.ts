import { definePlugin, defineProvider, languageModelFactory } from '@synthkit/core';
import { conversationFormatters, readEnvironmentVariable } from '@synthkit/provider-utils';
import { createOpenAI } from './create-openai';
import { openAILanguageModelSettingsSchema } from './openai-language-model-settings';
import { openAIProviderSettingsSchema } from './openai-provider-settings';
import { VERSION } from './version';

export { createOpenAI } from './create-openai';
export type { OpenAIProvider } from './create-openai';
export { OpenAIBatchApi } from './openai-batch-api';
export type { OpenAIBatchApiConfig } from './openai-batch-api';
export { OpenAIChatLanguageModel } from './openai-chat-language-model';
export type { OpenAIChatLanguageModelConfig } from './openai-chat-language-model';
export { OpenAICompletionLanguageModel } from './openai-completion-language-model';
export type { OpenAICompletionLanguageModelConfig, OpenAICompletionModelSettings } from './openai-completion-language-model';
export { OpenAIEmbeddingModel } from './openai-embedding-model';
export type { OpenAIEmbeddingModelSettings } from './openai-embedding-model';
export { OpenAIRewardModel } from './openai-reward-model';
export { openAILanguageModelSettingsSchema } from './openai-language-model-settings';
export type { OpenAILanguageModelSettings } from './openai-language-model-settings';
export type { LazyOpenAIClient, OpenAIModelConfig } from './openai-model-config';
export { openAIProviderSettingsSchema } from './openai-provider-settings';
export type { OpenAIProviderSettings } from './openai-provider-settings';
/** The built-in conversation formatters, for `completionModel(modelId, { formatter })`. */
export { mixtralFormatter, nemotronFormatter, noFormatFormatter } from '@synthkit/provider-utils';

/**
 * The synthkit plugin: provider `openai`, so recipes reference models as `openai:<model id>`
 * (`openai:gpt-4o-mini`), with settings from the recipe's `providers.openai` block and, per model,
 * `api` and `formatter`; and the conversation formatters `openai:nemotron`, `openai:mixtral` and
 * `openai:no-format` for models behind the raw completions API (a recipe names them `nemotron`...).
 */
const plugin = definePlugin({
  specificationVersion: 'v1',
  meta: { name: '@synthkit/provider-openai', version: VERSION, namespace: 'openai' },
  providers: {
    openai: defineProvider({
      description:
        'Chat and raw completion models behind api.openai.com or any OpenAI-compatible endpoint (vLLM, NIM, TGI, OpenRouter).',
      settings: openAIProviderSettingsSchema,
      // For a recipe that names no model: OpenAI's small model, when a key for api.openai.com is set.
      defaultModel: {
        modelId: 'gpt-4o-mini',
        priority: 10,
        available: () =>
          readEnvironmentVariable('OPENAI_API_KEY') != null && readEnvironmentVariable('OPENAI_BASE_URL') == null
            ? 'OPENAI_API_KEY is set'
            : undefined,
      },
      modelSettings: openAILanguageModelSettingsSchema,
      create: createOpenAI,
    }),
  },
  formatters: conversationFormatters,
});

export default plugin;

/** The model factory for pipelines written in code: `openai('gpt-4o-mini')`, settings from `providers.openai`. */
export const openai = languageModelFactory(plugin, 'openai');
