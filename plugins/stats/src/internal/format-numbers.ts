/** A count with thousands separators: `12,345`. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** A ratio to three decimals (`0.231`), or `-` when there is none. */
export function formatRatio(value: number | null): string {
  return value == null ? '-' : value.toFixed(3);
}

/** A ratio as a percentage to one decimal (`3.5%`), or `-` when there is none. */
export function formatPercent(value: number | null): string {
  return value == null ? '-' : `${(value * 100).toFixed(1)}%`;
}
