/**
 * Formats a score for a human reason such as `"mean word length 2.5, shorter than …"`: integers as
 * they are, other numbers rounded to 4 decimals. When rounding would make a score look equal to the
 * threshold it is compared with (0.70001 against 0.7), the score is shown in full instead, so a
 * reason never reads "0.7, less than 0.7".
 *
 * @param value the score to format.
 * @param threshold the option value the score is compared with, if any.
 */
export function formatNumber(value: number, threshold?: number): string {
  if (Number.isInteger(value)) return String(value);
  const rounded = String(Number(value.toFixed(4)));
  if (threshold !== undefined && value !== threshold && rounded === String(threshold)) return String(value);
  return rounded;
}
