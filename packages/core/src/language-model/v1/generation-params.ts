import type { JsonValue } from '../../record/json-record';

/**
 * Options only one provider understands, keyed by provider name so that one recipe can carry
 * options for several providers and each provider reads only its own:
 * `{ openai: { min_p: 0.05 }, anthropic: { ... } }`.
 */
export type ProviderOptions = Readonly<Record<string, Readonly<Record<string, JsonValue>>>>;

/**
 * Sampling and length settings for one generation call. Every field is optional: an absent field is
 * not sent, so the endpoint's own default applies.
 */
export interface GenerationParams {
  /** Sampling temperature, usually 0–2. */
  readonly temperature?: number;
  /** Nucleus sampling mass, 0–1. */
  readonly topP?: number;
  /** Sample only from the k most likely tokens. Not every provider supports it (a warning says so). */
  readonly topK?: number;
  /** Maximum tokens to generate per choice. */
  readonly maxTokens?: number;
  /** Seed for reproducible sampling, where the endpoint honours it. */
  readonly seed?: number;
  /** Stop sequences. */
  readonly stop?: ReadonlyArray<string>;
  /**
   * Number of choices to generate. Default 1. The engine splits a larger `n` into several calls for
   * models whose `maxChoicesPerCall` is smaller.
   */
  readonly n?: number;
  /**
   * Provider-specific options, keyed by provider name (e.g. `{ openai: { min_p: 0.05 } }` for a
   * vLLM server behind the OpenAI provider). A provider reads only its own key and ignores the rest.
   */
  readonly providerOptions?: ProviderOptions;
}
