import type { ModelPrice } from './model-price';

/** When the default prices were copied from the providers' price pages (list prices, no batch discount). */
export const defaultPricesDate = '2025-11';

/**
 * List prices of common models, in US dollars per million tokens, as of {@link defaultPricesDate}.
 * Prices change: a recipe's `prices:` block overrides any of them, and a model not listed has an
 * unknown cost (reported as such, never as 0). Keys are model references; a served model id with a
 * date suffix (`gpt-4o-mini-2024-07-18`) finds its base entry, and `provider:*` prices every model
 * of a provider.
 */
export const defaultPrices: Readonly<Record<string, ModelPrice>> = {
  'openai:gpt-4o': { input: 2.5, output: 10, cachedInput: 1.25 },
  'openai:gpt-4o-mini': { input: 0.15, output: 0.6, cachedInput: 0.075 },
  'openai:gpt-4.1': { input: 2, output: 8, cachedInput: 0.5 },
  'openai:gpt-4.1-mini': { input: 0.4, output: 1.6, cachedInput: 0.1 },
  'openai:gpt-4.1-nano': { input: 0.1, output: 0.4, cachedInput: 0.025 },
  'openai:o3': { input: 2, output: 8, cachedInput: 0.5 },
  'openai:o4-mini': { input: 1.1, output: 4.4, cachedInput: 0.275 },
  'openai:gpt-5': { input: 1.25, output: 10, cachedInput: 0.125 },
  'openai:gpt-5-mini': { input: 0.25, output: 2, cachedInput: 0.025 },
  'openai:gpt-5-nano': { input: 0.05, output: 0.4, cachedInput: 0.005 },
  'anthropic:claude-3-5-haiku-latest': { input: 0.8, output: 4, cachedInput: 0.08 },
  'anthropic:claude-sonnet-4-0': { input: 3, output: 15, cachedInput: 0.3 },
  'anthropic:claude-opus-4-1': { input: 15, output: 75, cachedInput: 1.5 },
  // The Anthropic provider's automatic default model (a recipe that names none, ANTHROPIC_API_KEY set).
  'anthropic:claude-haiku-4-5': { input: 1, output: 5, cachedInput: 0.1 },
  'anthropic:claude-sonnet-4-5': { input: 3, output: 15, cachedInput: 0.3 },
  'anthropic:claude-opus-4-5': { input: 5, output: 25, cachedInput: 0.5 },
  // The offline mock provider (@synthkit/provider-mock, `synthkit run --mock`) sends nothing anywhere.
  'mock:*': { input: 0, output: 0 },
  // Models run in the synthkit process by llama.cpp (@synthkit/provider-llama-cpp) cost only local compute.
  'llama-cpp:*': { input: 0, output: 0 },
};
