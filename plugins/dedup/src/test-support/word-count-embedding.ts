/**
 * A stand-in embedding for tests: counts of the text's lower-cased words, each word hashed to one
 * of `dimensions` positions. Texts sharing most of their words get a cosine similarity near 1,
 * texts with different words near 0: enough to test semantic dedup without a model.
 */
export function wordCountEmbedding(text: string, dimensions = 256): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    let hash = 2166136261;
    for (let index = 0; index < word.length; index++) hash = Math.imul(hash ^ word.charCodeAt(index), 16777619);
    vector[(hash >>> 0) % dimensions]! += 1;
  }
  return vector;
}
