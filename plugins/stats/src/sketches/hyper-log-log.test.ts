import { describe, expect, it } from 'vitest';
import { hashText } from './hash-text';
import { HyperLogLog } from './hyper-log-log';

describe('HyperLogLog', () => {
  it('estimates small and large counts within a few standard errors (0.8%), ignoring repeats', () => {
    for (const count of [1, 100, 5000, 300_000]) {
      const sketch = new HyperLogLog();
      for (let index = 0; index < count; index++) {
        const hash = hashText(`item ${index}`);
        sketch.add(hash);
        if (index % 3 === 0) sketch.add(hash);
      }
      expect(Math.abs(sketch.estimate() - count) / count, `count ${count}`).toBeLessThan(0.03);
    }
    expect(new HyperLogLog().estimate()).toBe(0);
  });
});
