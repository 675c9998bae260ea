import { createHash } from 'node:crypto';
import { seededRandom } from './seeded-random';

/**
 * Response bodies of `POST /v1/embeddings` in the OpenAI wire format. Vectors are a pure function
 * of the text and the length, so the same text always gets the same vector.
 */

/** What the body of one embedding answer holds. */
export interface EmbeddingList {
  readonly model: string;
  /** One vector per input, in input order; every value a float32. */
  readonly vectors: ReadonlyArray<ReadonlyArray<number>>;
  readonly encodingFormat: 'float' | 'base64';
  /** The inputs' words: the `prompt_tokens` (and `total_tokens`) of `usage`. */
  readonly promptTokens: number;
}

/**
 * The vector of `text`: `dimensions` values of unit length, drawn from a generator seeded with the
 * text's sha256, each rounded to a float32 (what `base64` encodes exactly and `float` writes
 * exactly as JSON numbers).
 */
export function embeddingVector(text: string, dimensions: number): number[] {
  const random = seededRandom(createHash('sha256').update(text).digest().readUInt32LE(0));
  const values = Array.from({ length: dimensions }, () => random() * 2 - 1);
  const length = Math.hypot(...values) || 1;
  return values.map((value) => Math.fround(value / length));
}

/** A vector as the OpenAI API writes it for `encoding_format: "base64"`: little-endian float32s, base64. */
export function float32Base64(vector: ReadonlyArray<number>): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString('base64');
}

/** The body of an embedding answer: `object: "list"`, `data[]` with `index` and `embedding`, `model`, `usage`. */
export function embeddingListBody(list: EmbeddingList): Record<string, unknown> {
  return {
    object: 'list',
    data: list.vectors.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: list.encodingFormat === 'base64' ? float32Base64(vector) : vector,
    })),
    model: list.model,
    usage: { prompt_tokens: list.promptTokens, total_tokens: list.promptTokens },
  };
}
