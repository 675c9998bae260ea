import type { ProviderV1 } from '@synthkit/core';
import { checkProviderSettings } from '@synthkit/provider-utils';
import { MockEmbeddingModel } from './mock-embedding-model';
import { MockLanguageModel } from './mock-language-model';
import { MockRewardModel } from './mock-reward-model';
import { type MockProviderSettings, mockProviderSettingsSchema } from './mock-provider-settings';

/** The mock provider: models that answer offline, any model id. */
export interface MockProvider extends ProviderV1 {
  /** A mock model, e.g. `languageModel('gpt-4o-mini')`: any id works and names the model in reports. */
  languageModel(modelId: string): MockLanguageModel;
  /** A mock reward model: deterministic scores for NVIDIA's five attributes (see {@link MockRewardModel}). */
  rewardModel(modelId: string): MockRewardModel;
  /** A mock embedding model: word-overlap vectors (see {@link MockEmbeddingModel}). */
  embeddingModel(modelId: string): MockEmbeddingModel;
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
    rewardModel: (modelId) => new MockRewardModel(modelId, latencyMs == null ? {} : { latencyMs }),
    embeddingModel: (modelId) => new MockEmbeddingModel(modelId, latencyMs == null ? {} : { latencyMs }),
  };
}
