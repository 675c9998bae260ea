import type { EmbeddingModelV1 } from '../../embedding-model/v1/embedding-model-v1';
import type { LanguageModelV1 } from '../../language-model/v1/language-model-v1';
import type { RewardModelV1 } from '../../reward-model/v1/reward-model-v1';

/** A configured connection to one model service. Creating models makes no request. */
export interface ProviderV1 {
  readonly specificationVersion: 'v1';
  /**
   * A language model. `settings` are the model's own settings, for providers that take some (see
   * `ProviderDefinitionV1.modelSettings`): e.g. which API of the service to call and with which
   * conversation formatter. Default: none, the provider's usual way to call the model.
   */
  languageModel(modelId: string, settings?: unknown): LanguageModelV1;
  embeddingModel?(modelId: string): EmbeddingModelV1;
  rewardModel?(modelId: string): RewardModelV1;
}
