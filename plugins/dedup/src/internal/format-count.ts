/** A count with thousands separators, as summaries print it: `1,234,567`. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
