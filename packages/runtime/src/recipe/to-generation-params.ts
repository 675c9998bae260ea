import type { GenerationParams, ProviderOptions } from '@synthkit/core';
import type { RecipeParams } from './recipe-schema';

/** Converts recipe parameters (snake_case) to the spec's `GenerationParams`; absent keys stay absent. */
export function toGenerationParams(params: RecipeParams | undefined): GenerationParams {
  if (params == null) return {};
  const result: { -readonly [Key in keyof GenerationParams]: GenerationParams[Key] } = {};
  if (params.temperature !== undefined) result.temperature = params.temperature;
  if (params.top_p !== undefined) result.topP = params.top_p;
  if (params.top_k !== undefined) result.topK = params.top_k;
  if (params.max_tokens !== undefined) result.maxTokens = params.max_tokens;
  if (params.seed !== undefined) result.seed = params.seed;
  if (params.stop !== undefined) result.stop = typeof params.stop === 'string' ? [params.stop] : params.stop;
  if (params.n !== undefined) result.n = params.n;
  if (params.provider_options !== undefined) result.providerOptions = params.provider_options as ProviderOptions;
  return result;
}

/**
 * Merges parameter layers; later layers win key by key. `providerOptions` are merged per provider,
 * key by key too, so a role can add one vLLM option without repeating the others.
 */
export function mergeGenerationParams(...layers: ReadonlyArray<GenerationParams | undefined>): GenerationParams {
  let result: GenerationParams = {};
  for (const layer of layers) {
    if (layer == null) continue;
    let providerOptions = result.providerOptions;
    if (layer.providerOptions != null) {
      const merged: { -readonly [Provider in keyof ProviderOptions]: ProviderOptions[Provider] } = { ...providerOptions };
      for (const [provider, options] of Object.entries(layer.providerOptions)) merged[provider] = { ...merged[provider], ...options };
      providerOptions = merged;
    }
    result = { ...result, ...layer, ...(providerOptions == null ? {} : { providerOptions }) };
  }
  return result;
}
