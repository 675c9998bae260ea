import { hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SeenIdFilter } from './seen-id-filter';

const idOf = (index: number) => hash('sha256', `record ${index}`, 'hex').slice(0, 16);

describe('SeenIdFilter', () => {
  it('never misses an id added before, and rarely mistakes a new one for it', () => {
    const filter = new SeenIdFilter();
    let falseRepeats = 0;
    for (let index = 0; index < 200_000; index++) if (filter.add(idOf(index))) falseRepeats++;
    // Designed for about 1e-5 false "seen" answers; 20 of 200 000 would be 1e-4.
    expect(falseRepeats).toBeLessThan(20);
    for (let index = 0; index < 200_000; index += 97) expect(filter.add(idOf(index))).toBe(true);
  });

  it('gives the same answers for the same ids in the same order', () => {
    const answers = () => {
      const filter = new SeenIdFilter(256 * 1024);
      return Array.from({ length: 100_000 }, (_, index) => filter.add(idOf(index % 70_000)));
    };
    expect(answers()).toEqual(answers());
  });

  it('stays within its memory limit past its capacity, still finding every repeat', () => {
    // 256 KiB holds about 49 000 ids at full accuracy (slices of 32 768 and 65 536 ids would not fit).
    const filter = new SeenIdFilter(256 * 1024);
    let falseRepeats = 0;
    for (let index = 0; index < 150_000; index++) if (filter.add(idOf(index))) falseRepeats++;
    expect(falseRepeats).toBeGreaterThan(0);
    expect(falseRepeats).toBeLessThan(150_000 * 0.2);
    expect(filter.memoryBytes).toBeLessThanOrEqual(256 * 1024);
    for (let index = 0; index < 150_000; index += 101) expect(filter.add(idOf(index))).toBe(true);
  });
});
