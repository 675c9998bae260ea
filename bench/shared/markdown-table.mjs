// Formatting helpers shared by the benchmark scripts.

/** A markdown table with right-aligned columns (all benchmark columns but the first are numbers). */
export function markdownTable(headers, rows) {
  const separator = headers.map((_, index) => (index === 0 ? '---' : '---:'));
  return [headers, separator, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** A number with a fixed count of decimals, for table cells. */
export function fixed(value, decimals = 0) {
  return Number.isFinite(value) ? value.toFixed(decimals) : 'n/a';
}

/** A ratio as `0.93×`. */
export function ratio(value, decimals = 2) {
  return Number.isFinite(value) ? `${value.toFixed(decimals)}×` : 'n/a';
}

/** Bytes as mebibytes. */
export function mebibytes(bytes) {
  return (bytes / 1024 / 1024).toFixed(1);
}
