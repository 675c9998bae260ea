/**
 * A similarity (Jaccard, cosine) with two decimals, or more when two would misstate how it compares
 * with `threshold` (0.7996 against 0.8 prints `0.7996`, never `0.80`).
 */
export function formatSimilarity(value: number, threshold: number): string {
  const side = Math.sign(value - threshold);
  for (let decimals = 2; decimals < 8; decimals++) {
    const text = value.toFixed(decimals);
    if (Math.sign(Number(text) - threshold) === side) return text;
  }
  return String(value);
}
