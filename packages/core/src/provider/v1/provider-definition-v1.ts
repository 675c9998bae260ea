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
  /**
   * The model this provider offers when a recipe names none for a role, if it can serve one on
   * this machine. Of the loaded providers whose `available()` says yes, the one with the lowest
   * `priority` is used (OpenAI 10, Anthropic 20, local models 30), and the run says which and why.
   * Default: none, so the provider is used only when named.
   */
  readonly defaultModel?: ProviderDefaultModelV1;
  /**
   * Schema of the options only this provider understands, which a recipe passes in
   * `params.<role>.provider_options.<provider name>` (a pipeline in code too), e.g.
   * llama.cpp's `{ minP: 0.05 }`. The runtime checks every such block against it when the recipe
   * is compiled, so a bad option stops `synthkit validate` instead of failing every request of a
   * run; the options are passed to the model as written. A strict schema also refuses unknown keys.
   * Default: none, so the options are passed on unchecked (an OpenAI-compatible server takes
   * whatever its own API does).
   */
  readonly providerOptions?: z.ZodType;
  /** Creates the provider. Must make no network request; may throw `LoadAPIKeyError`. */
  create(settings: Settings): ProviderV1;
}

/** See {@link ProviderDefinitionV1.defaultModel}. */
export interface ProviderDefaultModelV1 {
  /**
   * The model id used, e.g. `gpt-4o-mini`. A provider whose model depends on the machine (a local
   * model file) leaves it out and returns the id from `available()` instead.
   */
  readonly modelId?: string;
  /** Lower goes first when several providers are available. */
  readonly priority: number;
  /**
   * Why the provider can serve a model here (`OPENAI_API_KEY is set`), or undefined when it cannot.
   * Return `{ reason, modelId }` when the model is found on this machine (the id of a local file).
   * Must be quick and make no request: it reads the environment or checks a file.
   */
  available(): string | ProviderDefaultModelAvailabilityV1 | undefined;
}

/** What {@link ProviderDefaultModelV1.available} returns when it names the model it found. */
export interface ProviderDefaultModelAvailabilityV1 {
  /** Why the model can be used, e.g. `the newest GGUF model in /home/me/.cache/synthkit/models`. */
  readonly reason: string;
  /** The model id to use, e.g. the path of that file. */
  readonly modelId: string;
}
