import { describe, expect, it } from 'vitest';
import { formatNumber } from './format-number';

describe('formatNumber', () => {
  it('prints integers as they are and rounds other numbers to 4 decimals', () => {
    expect(formatNumber(12)).toBe('12');
    expect(formatNumber(0.25)).toBe('0.25');
    expect(formatNumber(2 / 3)).toBe('0.6667');
  });

  it('prints the full number when rounding would make it look equal to the threshold', () => {
    expect(formatNumber(0.70001, 0.7)).toBe('0.70001');
    expect(formatNumber(0.7, 0.7)).toBe('0.7');
    expect(formatNumber(0.6, 0.7)).toBe('0.6');
  });
});
