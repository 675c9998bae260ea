/**
 * A score as people read it in a reason: rounded to `decimals` decimals, no trailing zeros (`2.1`,
 * `3`, `0.83`). The exact value stays in `_meta.scores`; only the sentence is rounded.
 *
 * @param decimals decimals kept. Default 2; similarities that sit close together use 4.
 */
export function formatScore(score: number, decimals = 2): string {
  const scale = 10 ** decimals;
  return String(Math.round(score * scale) / scale);
}
