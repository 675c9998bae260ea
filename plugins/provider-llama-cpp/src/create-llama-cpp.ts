import { resolve } from 'node:path';
import type { ProviderV1 } from '@synthkit/core';
import { checkProviderSettings } from '@synthkit/provider-utils';
import { defaultModelDirectory } from './internal/default-model-directory';
import { LlamaCppEngine } from './internal/llama-cpp-engine';
import { modelSourceOf } from './internal/model-source';
import { stderrDownloadProgress } from './internal/resolve-model-path';
import { LlamaCppEmbeddingModelImplementation, type LlamaCppEmbeddingModel } from './llama-cpp-embedding-model';
import { LlamaCppLanguageModelImplementation, type LlamaCppLanguageModel } from './llama-cpp-language-model';
import { llamaCppProviderSettingsSchema, type LlamaCppProviderSettings } from './llama-cpp-provider-settings';

/** The llama.cpp provider: GGUF models run inside this process. */
export interface LlamaCppProvider extends ProviderV1 {
  /**
   * A model by name: an entry of the `models` setting, or a GGUF path or `hf:` URI itself. Loads
   * nothing; a local file must exist.
   *
   * @throws InvalidArgumentError for an unknown name or a missing file.
   */
  languageModel(name: string): LlamaCppLanguageModel;
  /** The same model's embeddings. @throws InvalidArgumentError as `languageModel` does. */
  embeddingModel(name: string): LlamaCppEmbeddingModel;
  /**
   * Frees every loaded model, context and llama.cpp itself (waiting for loads under way). `runRecipe`
   * (and so `synthkit run`) calls it when a run ends; call it yourself when you use the provider in
   * code, or the process keeps the models' memory until it exits. A later call loads again.
   */
  dispose(): Promise<void>;
}

/**
 * Creates the llama.cpp provider, which runs GGUF models in-process through node-llama-cpp: no
 * server, no network once the model is on disk. Creating it (and its models) loads nothing: the
 * first call imports node-llama-cpp, starts llama.cpp and loads the model, once, however many calls
 * arrive together.
 *
 * ```ts
 * const llamaCpp = createLlamaCpp({ models: { qwen: './models/qwen2.5-0.5b-instruct-q4_k_m.gguf' }, threads: 4 });
 * const result = await llamaCpp.languageModel('qwen').doGenerate({ messages: [{ role: 'user', content: 'Hi' }], params: {} });
 * await llamaCpp.dispose();
 * ```
 *
 * @throws InvalidArgumentError when a setting is invalid.
 */
export function createLlamaCpp(settings: LlamaCppProviderSettings = {}): LlamaCppProvider {
  checkProviderSettings('llama-cpp', llamaCppProviderSettingsSchema, settings, { functions: ['onDownloadProgress'] });
  const { onDownloadProgress } = settings;
  const models = settings.models ?? {};
  const sequences = settings.sequences ?? 1;
  const engine = new LlamaCppEngine({
    threads: settings.threads ?? 1,
    contextSize: settings.contextSize,
    sequences,
    gpu: settings.gpu ?? false,
    modelDirectory: resolve(settings.modelDirectory ?? defaultModelDirectory()),
    huggingFaceEndpoint: withFinalSlash(settings.huggingFaceEndpoint ?? environmentHuggingFaceEndpoint() ?? 'https://huggingface.co/'),
    onDownloadProgress: onDownloadProgress ?? stderrDownloadProgress(),
  });
  return {
    specificationVersion: 'v1',
    languageModel: (name) => new LlamaCppLanguageModelImplementation(name, modelSourceOf(name, models), engine, sequences),
    embeddingModel: (name) => new LlamaCppEmbeddingModelImplementation(name, modelSourceOf(name, models), engine),
    dispose: () => engine.dispose(),
  };
}

// --- Internal helpers ---

/** The Hugging Face server node-llama-cpp would use: `MODEL_ENDPOINT`, else `HF_ENDPOINT`. */
function environmentHuggingFaceEndpoint(): string | undefined {
  for (const variable of ['MODEL_ENDPOINT', 'HF_ENDPOINT']) {
    const value = process.env[variable]?.trim();
    if (value) return value;
  }
  return undefined;
}

function withFinalSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
