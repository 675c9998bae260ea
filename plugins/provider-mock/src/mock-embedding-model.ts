import type { EmbeddingModelV1 } from '@synthkit/core';
import { createSeededRandom } from './internal/seeded-random';
import { waitForLatency } from './internal/wait-for-latency';
import type { MockLanguageModelConfig } from './mock-language-model';

/** Length of the mock's vectors. */
export const mockEmbeddingDimensions = 64;

/**
 * An embedding model that embeds offline, deterministically, with a property real ones have: texts
 * that share words get close vectors. Each lower-cased word adds a fixed pseudo-random direction
 * (seeded by the word), and the sum is scaled to length 1, so cosine similarity tracks word
 * overlap: a text and a near copy score close to 1, unrelated texts close to 0. Good enough for a
 * semantic-dedup or diversity recipe to run end to end under `--mock`; it knows no meaning.
 */
export class MockEmbeddingModel implements EmbeddingModelV1 {
  /** The embedding model specification this class implements. */
  readonly specificationVersion = 'v1';
  /** Always `mock`. */
  readonly provider = 'mock';
  /** Any id: it names the model in records and reports. */
  readonly modelId: string;
  /** Texts per call, as an endpoint limits them: larger batches are split by the engine. */
  readonly maxTextsPerCall = 256;
  private readonly config: MockLanguageModelConfig;
  private readonly directions = new Map<string, Float64Array>();

  constructor(modelId: string, config: MockLanguageModelConfig = {}) {
    this.modelId = modelId;
    this.config = config;
  }

  /** Embeds each text after the configured latency; usage counts words as tokens. */
  async doEmbed({ texts, signal }: { readonly texts: ReadonlyArray<string>; readonly signal?: AbortSignal }): Promise<{
    embeddings: number[][];
    usage: { inputTokens: number };
  }> {
    const latency = this.config.latencyMs ?? 0;
    await waitForLatency(typeof latency === 'number' ? latency : (latency.min + latency.max) / 2, signal);
    let words = 0;
    const embeddings = texts.map((text) => {
      const vector = new Float64Array(mockEmbeddingDimensions);
      for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
        words += 1;
        const direction = this.direction(word);
        for (let index = 0; index < vector.length; index++) vector[index]! += direction[index]!;
      }
      const length = Math.hypot(...vector);
      // An empty text gets a fixed unit vector, not zeros (a zero vector has no cosine).
      return length === 0 ? [1, ...new Array<number>(mockEmbeddingDimensions - 1).fill(0)] : Array.from(vector, (value) => value / length);
    });
    return { embeddings, usage: { inputTokens: words } };
  }

  private direction(word: string): Float64Array {
    let direction = this.directions.get(word);
    if (direction == null) {
      const random = createSeededRandom(`${this.modelId}\u0000${word}`);
      direction = Float64Array.from({ length: mockEmbeddingDimensions }, () => random.next() * 2 - 1);
      // Bounded: a long run over varied text must not grow memory without end.
      if (this.directions.size >= 100_000) this.directions.clear();
      this.directions.set(word, direction);
    }
    return direction;
  }
}
