import mockPlugin from '@synthkit/provider-mock';
import type { PrepareRecipeOptions } from '@synthkit/runtime';

/**
 * The model every role uses under `--mock`: the offline mock provider of `@synthkit/provider-mock`.
 * Part of the run's configuration hash, so a mock run is never resumed as a real one.
 */
export const mockModelReference = 'mock:offline';

/**
 * What `--mock` adds to loading a recipe: the mock provider's plugin (the recipe need not list it,
 * nor have it installed) and `mock:offline` for every role of every stage, reward and embedding roles
 * included (which `--model` leaves alone).
 * The recipe's own providers are then never created, so no API key is needed.
 */
export function mockOverrides(mock: boolean, options: PrepareRecipeOptions = {}): PrepareRecipeOptions {
  if (!mock) return options;
  return {
    ...options,
    plugins: [mockPlugin, ...(options.plugins ?? [])],
    overrides: { ...options.overrides, model: mockModelReference, scoringModel: mockModelReference },
  };
}
