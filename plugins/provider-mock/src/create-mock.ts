import { InvalidArgumentError, type ProviderV1 } from '@synthkit/core';
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
  const result = mockProviderSettingsSchema.safeParse(settings);
  if (!result.success) {
    const issue = result.error.issues[0];
    const argument = issue?.path.map(String).join('.') || 'settings';
    const message = issue?.code === 'unrecognized_keys' ? `${issue.message} (the only setting is latencyMs)` : (issue?.message ?? `${argument} is invalid`);
    throw new InvalidArgumentError({ argument, message: `Invalid mock provider setting: ${message}.` });
  }
  const { latencyMs } = result.data;
  return {
    specificationVersion: 'v1',
    languageModel: (modelId) => new MockLanguageModel(modelId, latencyMs == null ? {} : { latencyMs }),
  };
}
