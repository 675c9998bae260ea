import { describe, expect, it } from 'vitest';
import { goDuration } from './go-duration';

describe('goDuration', () => {
  it("formats milliseconds like Go's time.Duration, rounding up to a whole millisecond", () => {
    expect(
      [0, 0.2, 20, 999, 1000, 1500, 59_980, 60_000, 360_000, 3_723_500, 7_200_000].map(goDuration),
    ).toEqual(['0s', '1ms', '20ms', '999ms', '1s', '1.5s', '59.98s', '1m0s', '6m0s', '1h2m3.5s', '2h0m0s']);
  });
});
