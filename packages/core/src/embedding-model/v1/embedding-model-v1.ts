/** A text embedding model. Used by semantic dedup and diversity analysis. */
export interface EmbeddingModelV1 {
  readonly specificationVersion: 'v1';
  readonly provider: string;
  readonly modelId: string;
  /**
   * Which server the model lives on (a base URL without credentials), as for a language model:
   * models with the same provider, endpoint and model id share one request window in the engine.
   * Default: one endpoint per provider name.
   */
  readonly endpoint?: string;
  /** The request window the engine gives the model's endpoint when the recipe does not say (an in-process model's capacity). */
  readonly defaultConcurrency?: number;
  /** Most texts one `doEmbed` call accepts; the engine splits larger batches. */
  readonly maxTextsPerCall?: number;
  doEmbed(options: { readonly texts: ReadonlyArray<string>; readonly signal?: AbortSignal }): PromiseLike<{
    /** One vector per input text, in input order. */
    readonly embeddings: ReadonlyArray<ReadonlyArray<number>>;
    readonly usage?: { readonly inputTokens: number };
  }>;
}
