import { describe, expect, it } from 'vitest';
import { interpolatedPercentile } from './interpolated-percentile';

describe('interpolatedPercentile', () => {
  // The expected values are numpy 2.4's np.percentile(values, 100 * fraction), to the last bit.
  it.each([
    [[1, 2, 3, 4], 0.7, 3.0999999999999996],
    [[4, 1, 3, 2], 0.7, 3.0999999999999996],
    [[0.1, 0.5, 0.2, 0.9, 0.3], 0.7, 0.45999999999999996],
    [[0.1, 0.5, 0.2, 0.9, 0.3], 0.007, 0.1028],
    [[0.12, 0.87, 0.55, 0.31, 0.99, 0.42, 0.76], 0.7, 0.7819999999999999],
    [[0.12, 0.87, 0.55, 0.31, 0.99, 0.42, 0.76], 0.33, 0.4178],
    [[0.3, 0.6, 0.6, 0.6, 0.9], 0.7, 0.6],
    [[1, 2], 0.75, 1.75],
    [[10, 20, 30], 0.5, 20],
    [[10, 20, 30], 0, 10],
    [[10, 20, 30], 1, 30],
    [[7], 0.7, 7],
  ])('%j at %d is %d, as numpy gives it', (values, fraction, expected) => {
    expect(interpolatedPercentile(values, fraction)).toBe(expected);
  });

  it('is a function of the set: every order gives the same value', () => {
    const values = [0.12, 0.87, 0.55, 0.31, 0.99, 0.42, 0.76];
    const orders = [values, [...values].reverse(), [...values].sort(), [0.99, 0.12, 0.76, 0.31, 0.87, 0.42, 0.55]];
    expect(new Set(orders.map((order) => interpolatedPercentile(order, 0.7))).size).toBe(1);
  });

  it('refuses no values and a fraction outside 0 to 1 (numpy\'s 0-100 scale is not accepted)', () => {
    expect(() => interpolatedPercentile([], 0.5)).toThrow(RangeError);
    expect(() => interpolatedPercentile([1, 2], 70)).toThrow('takes a fraction from 0 to 1, not 70');
    expect(() => interpolatedPercentile([1, 2], Number.NaN)).toThrow(RangeError);
  });
});
