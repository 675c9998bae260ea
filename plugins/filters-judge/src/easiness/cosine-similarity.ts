/**
 * The cosine of the angle between two vectors of the same length, from -1 to 1, or undefined when
 * either has no direction (all zeros, or a non-finite component): such a pair has no similarity to
 * rank.
 *
 * @throws RangeError when the lengths differ (an embedding model must give one length).
 */
export function cosineSimilarity(first: ReadonlyArray<number>, second: ReadonlyArray<number>): number | undefined {
  if (first.length !== second.length) {
    throw new RangeError(`the embedding model gave vectors of ${first.length} and ${second.length} dimensions; a model's vectors must all have one length.`);
  }
  let dot = 0;
  let firstNorm = 0;
  let secondNorm = 0;
  for (let index = 0; index < first.length; index++) {
    const a = first[index]!;
    const b = second[index]!;
    dot += a * b;
    firstNorm += a * a;
    secondNorm += b * b;
  }
  const norms = Math.sqrt(firstNorm) * Math.sqrt(secondNorm);
  if (!(norms > 0) || !Number.isFinite(norms) || !Number.isFinite(dot)) return undefined;
  // Rounding can put a vector's cosine with itself a hair past 1.
  return Math.max(-1, Math.min(1, dot / norms));
}
