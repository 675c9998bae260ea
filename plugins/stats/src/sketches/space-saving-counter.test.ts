import { describe, expect, it } from 'vitest';
import { SpaceSavingCounter } from './space-saving-counter';

describe('SpaceSavingCounter', () => {
  it('counts exactly until it overflows, then bounds each count by its error', () => {
    const counter = new SpaceSavingCounter(3);
    const add = (item: string, times = 1) => {
      for (let time = 0; time < times; time++) counter.add(item.length * 1000 + item.charCodeAt(0), () => item);
    };
    add('a', 5);
    add('bb', 2);
    add('c');
    expect([counter.overflowed, counter.top(3)]).toEqual([
      false,
      [
        { label: 'a', count: 5, error: 0 },
        { label: 'bb', count: 2, error: 0 },
        { label: 'c', count: 1, error: 0 },
      ],
    ]);
    // "d" evicts "c" (the least counted) and inherits its count as error.
    add('d');
    expect(counter.overflowed).toBe(true);
    expect(counter.top(2)).toEqual([
      { label: 'a', count: 5, error: 0 },
      { label: 'bb', count: 2, error: 0 },
    ]);
    expect(counter.top(3)[2]).toEqual({ label: 'd', count: 2, error: 1 });
  });
});
