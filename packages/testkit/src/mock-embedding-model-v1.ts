import type { EmbeddingModelV1 } from '@synthkit/core';

/** Options of {@link MockEmbeddingModelV1}. */
export interface MockEmbeddingModelV1Options {
  /** The provider name; `calls[].model` of `runTask` reads `provider:modelId`. @default 'mock' */
  readonly provider?: string;
  /** The model id. @default 'mock-embedding' */
  readonly modelId?: string;
  /** Most texts per call: the engine splits larger batches into several calls. Default: no limit. */
  readonly maxTextsPerCall?: number;
  /**
   * How the model embeds one text (throw to make the call fail). Default: every call fails, saying
   * that no function was given.
   */
  readonly doEmbed?: (text: string) => number[];
}

/**
 * An embedding model for tests that embeds each text with a function and records every batch it
 * was sent. Give it to `runTask` under `embeddingModels`.
 */
export class MockEmbeddingModelV1 implements EmbeddingModelV1 {
  readonly specificationVersion = 'v1';
  /** The provider name, `mock` unless given. */
  readonly provider: string;
  /** The model id, `mock-embedding` unless given. */
  readonly modelId: string;
  /** Most texts per call; `undefined` (no limit) unless given. */
  readonly maxTextsPerCall?: number;
  /** Every batch of texts the model was sent, in order, failed calls included. */
  readonly doEmbedCalls: string[][] = [];
  private readonly embedder: MockEmbeddingModelV1Options['doEmbed'];

  constructor(options: MockEmbeddingModelV1Options = {}) {
    this.provider = options.provider ?? 'mock';
    this.modelId = options.modelId ?? 'mock-embedding';
    if (options.maxTextsPerCall != null) this.maxTextsPerCall = options.maxTextsPerCall;
    this.embedder = options.doEmbed;
  }

  /** Records the batch in {@link doEmbedCalls}, then embeds each text with the `doEmbed` option. */
  async doEmbed({ texts }: { readonly texts: ReadonlyArray<string>; readonly signal?: AbortSignal }): Promise<{ embeddings: number[][] }> {
    this.doEmbedCalls.push([...texts]);
    const embed = this.embedder;
    if (embed == null) {
      throw new Error(`MockEmbeddingModelV1 ${this.provider}:${this.modelId} was called but has no doEmbed function. Pass doEmbed: (text) => [text.length, 1].`);
    }
    return { embeddings: texts.map((text) => embed(text)) };
  }
}
