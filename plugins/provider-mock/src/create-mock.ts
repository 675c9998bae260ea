import type { ProviderV1 } from '@synthkit/core';
import { checkProviderSettings } from '@synthkit/provider-utils';
import { MockLanguageModel } from './mock-language-model';
import { type MockProviderSettings, mockProviderSettingsSchema } from './mock-provider-settings';

/** The mock provider: models that answer offline, any model id. */
export interface MockProvider extends ProviderV1 {
  /** A mock model, e.g. `languageModel('gpt-4o-mini')`: any id works and names the model in reports. */
  languageModel(modelId: string): MockLanguageModel;
}

/**
 * Creates the mock provider, whose models answer every prompt offline with plausible,
 * deterministic text (see {@link MockLanguageModel}). Needs no API key and makes no request.
 *
 * ```ts
 * const model = createMock({ latencyMs: { min: 20, max: 200 } }).languageModel('any-id');
 * ```
 *
 * @throws InvalidArgumentError when a setting is invalid, naming it and what is expected.
 */
export function createMock(settings: MockProviderSettings = {}): MockProvider {
  checkProviderSettings('mock', mockProviderSettingsSchema, settings, { functions: [] });
  const { latencyMs } = settings;
  return {
    specificationVersion: 'v1',
    languageModel: (modelId) => new MockLanguageModel(modelId, latencyMs == null ? {} : { latencyMs }),
  };
}
