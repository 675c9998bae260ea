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
  /** Number of choices to generate. Default 1. */
  readonly n?: number;
  /** Provider-specific fields, merged into the request body as they are (e.g. vLLM's `min_p`). */
  readonly extra?: Readonly<Record<string, unknown>>;
}
