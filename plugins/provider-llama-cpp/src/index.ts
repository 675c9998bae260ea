import { definePlugin, defineProvider, languageModelFactory } from '@synthkit/core';
import { createLlamaCpp } from './create-llama-cpp';
import { defaultModelDirectory } from './internal/default-model-directory';
import { newestLocalModel } from './internal/newest-local-model';
import { llamaCppProviderOptionsSchema } from './llama-cpp-provider-options';
import { llamaCppProviderSettingsSchema } from './llama-cpp-provider-settings';
import { VERSION } from './version';

export { createLlamaCpp } from './create-llama-cpp';
export type { LlamaCppProvider } from './create-llama-cpp';
export type { LlamaCppEmbeddingModel, LlamaCppEmbeddings } from './llama-cpp-embedding-model';
export type { LlamaCppLanguageModel } from './llama-cpp-language-model';
export { llamaCppProviderOptionsSchema } from './llama-cpp-provider-options';
export type { LlamaCppProviderOptions } from './llama-cpp-provider-options';
export { llamaCppProviderSettingsSchema } from './llama-cpp-provider-settings';
export type { LlamaCppDownloadProgress, LlamaCppGpu, LlamaCppProviderSettings } from './llama-cpp-provider-settings';

/**
 * The synthkit plugin: provider `llama-cpp`, so recipes reference models as `llama-cpp:<name>`
 * (a name under `providers.llama-cpp.models`, or a GGUF path or `hf:` URI), with settings from the
 * recipe's `providers.llama-cpp` block, and sampling options from `provider_options.llama-cpp`
 * (`minP`, `repeatPenalty`). Importing it loads neither node-llama-cpp nor a model.
 */
const plugin = definePlugin({
  specificationVersion: 'v1',
  meta: { name: '@synthkit/provider-llama-cpp', version: VERSION, namespace: 'llama-cpp' },
  providers: {
    'llama-cpp': defineProvider({
      description: 'GGUF models run in-process by llama.cpp (node-llama-cpp): local files or hf: URIs downloaded on first use.',
      settings: llamaCppProviderSettingsSchema,
      // For a recipe that names no model and has no API key to use: the GGUF model downloaded last
      // to the synthkit model folder (an `hf:` model run once before), after OpenAI (10) and Anthropic (20).
      defaultModel: {
        priority: 30,
        available: () => {
          const directory = defaultModelDirectory();
          const path = newestLocalModel(directory);
          return path == null ? undefined : { reason: `the newest GGUF model in ${directory}`, modelId: path };
        },
      },
      // Checked when a recipe is compiled: a bad minP stops `synthkit validate`, not every request.
      providerOptions: llamaCppProviderOptionsSchema,
      create: createLlamaCpp,
    }),
  },
});

export default plugin;

/** The model factory for pipelines written in code: `llamaCpp('./models/qwen.gguf')` or a name under `providers.llama-cpp.models`. */
export const llamaCpp = languageModelFactory(plugin, 'llama-cpp');
