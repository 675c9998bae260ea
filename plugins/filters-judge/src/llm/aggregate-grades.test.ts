import { describe, expect, it } from 'vitest';
import { aggregateGrades, meetsAggregation } from './aggregate-grades';

describe('aggregateGrades', () => {
  it('gives the mean, the lowest, the median (the middle pair\'s mean for an even count) and the share at or above the threshold', () => {
    expect(aggregateGrades('mean', [2, 3, 5], 3)).toBeCloseTo(10 / 3, 12);
    expect(aggregateGrades('min', [2, 3, 5], 3)).toBe(2);
    expect(aggregateGrades('median', [5, 2, 3], 3)).toBe(3);
    expect(aggregateGrades('median', [4, 2], 3)).toBe(3);
    expect(aggregateGrades('majority', [2, 3, 5], 3)).toBeCloseTo(2 / 3, 12);
    expect(aggregateGrades('majority', [4], 3)).toBe(1);
  });

  it('keeps at or above the threshold, and for majority on more than half (a tie is no majority)', () => {
    expect(meetsAggregation('mean', 3, 3)).toBe(true);
    expect(meetsAggregation('mean', 2.99, 3)).toBe(false);
    expect(meetsAggregation('majority', 0.5, 3)).toBe(false);
    expect(meetsAggregation('majority', 2 / 3, 3)).toBe(true);
  });
});
