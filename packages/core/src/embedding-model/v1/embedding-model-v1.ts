/** A text embedding model. Used by semantic dedup and diversity analysis. */
export interface EmbeddingModelV1 {
  readonly specificationVersion: 'v1';
  readonly provider: string;
  readonly modelId: string;
  /** Most texts one `doEmbed` call accepts; the engine splits larger batches. */
  readonly maxTextsPerCall?: number;
  doEmbed(options: { readonly texts: ReadonlyArray<string>; readonly signal?: AbortSignal }): PromiseLike<{
    /** One vector per input text, in input order. */
    readonly embeddings: ReadonlyArray<ReadonlyArray<number>>;
    readonly usage?: { readonly inputTokens: number };
  }>;
}
