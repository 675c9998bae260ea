import type { z } from 'zod';
import type { ProviderV1 } from './provider-v1';

/**
 * How a plugin contributes a provider: a settings schema and a factory. Recipes reference models as
 * `<provider>:<model id>`; settings come from the recipe's `providers.<provider>` block and the
 * environment (the factory reads its own variables, e.g. `OPENAI_API_KEY`).
 */
export interface ProviderDefinitionV1<Settings = unknown, ModelSettings = unknown> {
  readonly specificationVersion: 'v1';
  readonly description: string;
  readonly settings: z.ZodType<Settings>;
  /**
   * Schema of a model's own settings, for providers whose models take some. A recipe then writes
   * the model as an object: `{ model: 'openai:nemotron-4-340b-base', api: completions, formatter:
   * nemotron }`; everything but `model` is parsed with this schema and passed to
   * `languageModel(modelId, settings)`. A `formatter` arrives resolved: the runtime looks the name
   * up among the loaded plugins' formatters and passes the `ConversationFormatterV1` object.
   * Default: none, so models are plain references and an object entry is an error.
   */
  readonly modelSettings?: z.ZodType<ModelSettings>;
  /** Creates the provider. Must make no network request; may throw `LoadAPIKeyError`. */
  create(settings: Settings): ProviderV1;
}
