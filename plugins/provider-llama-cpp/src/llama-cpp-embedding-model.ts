import { APICallError, SynthkitError, type EmbeddingModelV1 } from '@synthkit/core';
import { abortable } from './internal/abortable';
import type { LlamaCppEngine } from './internal/llama-cpp-engine';
import { describeSource, endpointOf, type ModelSource } from './internal/model-source';

/**
 * A GGUF model's embeddings, computed in-process by llama.cpp: one vector per text, as long as the
 * model's embedding width (`embedding_length`). Use an embedding model (e.g. a GGUF of
 * nomic-embed-text or bge); a chat model gives vectors too, of lower quality. Create it with
 * `createLlamaCpp(settings).embeddingModel(name)`; creating it loads nothing.
 */
export interface LlamaCppEmbeddingModel extends EmbeddingModelV1 {
  readonly provider: 'llama-cpp';
  /** The name the model was asked by. */
  readonly modelId: string;
  /** `llama-cpp:<absolute path>` or `llama-cpp:<hf: URI>`. */
  readonly endpoint: string;
  /** Embeds the texts; see {@link LlamaCppEmbeddingModelImplementation.doEmbed}. */
  doEmbed(options: { readonly texts: ReadonlyArray<string>; readonly signal?: AbortSignal }): Promise<LlamaCppEmbeddings>;
}

/** What {@link LlamaCppEmbeddingModel.doEmbed} returns. */
export interface LlamaCppEmbeddings {
  /** One vector per text, in order, each `embedding_length` numbers long. */
  readonly embeddings: number[][];
  /** Tokens of all the texts. */
  readonly usage: { readonly inputTokens: number };
}

/** The implementation of {@link LlamaCppEmbeddingModel}. */
export class LlamaCppEmbeddingModelImplementation implements LlamaCppEmbeddingModel {
  readonly specificationVersion = 'v1';
  readonly provider = 'llama-cpp';
  readonly endpoint: string;

  constructor(
    readonly modelId: string,
    private readonly source: ModelSource,
    private readonly engine: LlamaCppEngine,
  ) {
    this.endpoint = endpointOf(source);
  }

  /**
   * Embeds each text in turn (loading the model on the first call), and counts their tokens.
   * Aborting `signal` stops before the next text.
   *
   * @throws APICallError for an empty text or one longer than the context (not retryable), or when
   * the model cannot be loaded; the signal's reason when it aborts the call.
   */
  async doEmbed({ texts, signal }: { readonly texts: ReadonlyArray<string>; readonly signal?: AbortSignal }): Promise<LlamaCppEmbeddings> {
    if (signal?.aborted) throw signal.reason;
    try {
      const loaded = await abortable(this.engine.model(this.source), signal);
      const context = await abortable(loaded.embeddingContext(), signal);
      const embeddings: number[][] = [];
      let inputTokens = 0;
      for (const [index, text] of texts.entries()) {
        if (signal?.aborted) throw signal.reason;
        const tokens = loaded.model.tokenize(text).length;
        if (tokens === 0) throw this.textError(index, 'is empty: it has no token to embed');
        const embedding = await context.getEmbeddingFor(text).catch((error: unknown) => {
          if (error instanceof Error && /longer than the usable context/i.test(error.message)) {
            throw this.textError(index, `is ${tokens} tokens, more than the context holds: shorten it, or raise contextSize under providers.llama-cpp`);
          }
          throw error;
        });
        embeddings.push([...embedding.vector]);
        inputTokens += tokens;
      }
      return { embeddings, usage: { inputTokens } };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (SynthkitError.isInstance(error)) throw error;
      throw new APICallError({
        message: `llama-cpp:${this.modelId} (${describeSource(this.source)}): llama.cpp failed to embed: ${error instanceof Error ? error.message : String(error)}`,
        url: this.endpoint,
        isRetryable: false,
        cause: error,
      });
    }
  }

  private textError(index: number, problem: string): APICallError {
    return new APICallError({
      message: `llama-cpp:${this.modelId}: text ${index} ${problem}.`,
      url: this.endpoint,
      isRetryable: false,
    });
  }
}
