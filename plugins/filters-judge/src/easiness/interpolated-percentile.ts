/**
 * The `fraction` quantile of `values` (0 the smallest, 1 the largest) by linear interpolation
 * between the two nearest ranks, as numpy's `percentile(values, 100 * fraction)` computes it by
 * default (`method="linear"`), down to its rounding: the rank is `fraction * (n - 1)`, and the
 * value between ranks `a` and `b` at `t` is `a + (b - a) * t`, or `b - (b - a) * (1 - t)` from
 * `t = 0.5` up. A function of the set of values: their order does not matter.
 *
 * @param values the values; at least one, all finite.
 * @param fraction from 0 to 1 (not numpy's 0 to 100).
 * @throws RangeError when there are no values or `fraction` is outside 0 to 1.
 */
export function interpolatedPercentile(values: ArrayLike<number>, fraction: number): number {
  if (values.length === 0) throw new RangeError('interpolatedPercentile needs at least one value.');
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`interpolatedPercentile takes a fraction from 0 to 1, not ${fraction}.`);
  const sorted = Float64Array.from(values).sort();
  const rank = fraction * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.min(below + 1, sorted.length - 1);
  const t = rank - below;
  const low = sorted[below]!;
  const high = sorted[above]!;
  const difference = high - low;
  return t >= 0.5 ? high - difference * (1 - t) : low + difference * t;
}
