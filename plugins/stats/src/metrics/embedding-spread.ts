/** How spread out a set of embeddings is. */
export interface EmbeddingSpread {
  /** Mean over all pairs of the cosine distance (1 − cosine similarity); 0 when all point the same way. */
  readonly meanPairwiseCosineDistance: number;
  /** Mean cosine distance of each embedding to the centroid of the (length-normalised) embeddings. */
  readonly meanCosineDistanceToCentroid: number;
  /** Embeddings measured (zero vectors are left out: they have no direction). */
  readonly embedded: number;
  /** Their number of dimensions. */
  readonly dimensions: number;
}

/**
 * The spread of embeddings, by cosine distance. With the vectors normalised to length 1 and S
 * their sum, both means have closed forms, so the cost is one pass (k × dimensions), not k²:
 * the mean pairwise cosine similarity is (|S|² − k) / (k (k − 1)), and the mean cosine
 * similarity to the centroid S / k is |S| / k.
 *
 * @returns null when fewer than two embeddings have a direction.
 * @throws Error when the embeddings do not all have the same number of dimensions.
 */
export function embeddingSpread(embeddings: ReadonlyArray<ReadonlyArray<number>>): EmbeddingSpread | null {
  const dimensions = embeddings[0]?.length ?? 0;
  const sum = new Float64Array(dimensions);
  let count = 0;
  for (const embedding of embeddings) {
    if (embedding.length !== dimensions) {
      throw new Error(`embeddings have different numbers of dimensions (${dimensions} and ${embedding.length}): the embedding model must return vectors of one size.`);
    }
    let squaredLength = 0;
    for (const value of embedding) squaredLength += value * value;
    if (squaredLength === 0) continue;
    const length = Math.sqrt(squaredLength);
    for (let dimension = 0; dimension < dimensions; dimension++) sum[dimension]! += embedding[dimension]! / length;
    count++;
  }
  if (count < 2) return null;
  let squaredSum = 0;
  for (const value of sum) squaredSum += value * value;
  const meanPairwiseSimilarity = (squaredSum - count) / (count * (count - 1));
  return {
    meanPairwiseCosineDistance: clamp(1 - meanPairwiseSimilarity),
    meanCosineDistanceToCentroid: clamp(1 - Math.sqrt(squaredSum) / count),
    embedded: count,
    dimensions,
  };
}

// --- Internal helpers ---

/** Rounding can push a distance a hair outside [0, 2]. */
function clamp(distance: number): number {
  return Math.min(2, Math.max(0, distance));
}
