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
  /**
   * Releases what the provider holds beyond its models' calls: memory, native handles, worker
   * threads (an in-process model, e.g. llama.cpp, keeps gigabytes of weights). The engine calls it
   * once a run that created the provider has ended, whatever the outcome. The provider must stay
   * usable afterwards: a later call loads again what it needs. Optional: providers that hold only
   * HTTP connections have nothing to release.
   */
  dispose?(): PromiseLike<void>;
}
