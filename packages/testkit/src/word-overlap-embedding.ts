/**
 * An embedding for tests that stands in for a real model's notion of meaning by word overlap: the
 * counts of a text's lower-cased words (runs of letters and digits), each word hashed to one of
 * `dimensions` positions. Texts sharing most of their words get a cosine similarity near 1, texts
 * with different words near 0, and an empty text the zero vector. Deterministic, so semantic dedup
 * and diversity code can be tested without a model:
 *
 * ```ts
 * const embedder = new MockEmbeddingModelV1({ doEmbed: wordOverlapEmbedding });
 * ```
 *
 * @param dimensions length of the vectors. Default 256.
 */
export function wordOverlapEmbedding(text: string, dimensions = 256): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    // FNV-1a over the word's UTF-16 code units.
    let hash = 0x811c9dc5;
    for (let index = 0; index < word.length; index++) hash = Math.imul(hash ^ word.charCodeAt(index), 0x01000193);
    vector[(hash >>> 0) % dimensions]! += 1;
  }
  return vector;
}
