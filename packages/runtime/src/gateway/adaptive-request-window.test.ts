import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AdaptiveRequestWindow } from './adaptive-request-window';

describe('AdaptiveRequestWindow', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('halves on overload, grows back one slot per window of successes, and never passes the ceiling', () => {
    const window = new AdaptiveRequestWindow({ ceiling: 16, floor: 2, adaptive: true });
    window.overloaded();
    expect(window.limit).toBe(8);
    // A second overload within a typical request's time counts as the same burst.
    window.overloaded();
    expect(window.limit).toBe(8);
    for (let index = 0; index < 200; index++) window.succeeded(0);
    expect(window.limit).toBe(16);
    expect(window.decreases).toBe(1);
    vi.advanceTimersByTime(300);
    window.overloaded();
    expect(window.limit).toBe(8);
  });

  it('raises no false alarm on heavy-tailed latencies', () => {
    const window = new AdaptiveRequestWindow({ ceiling: 64, floor: 1, adaptive: true });
    // Lognormal, mean 100 ms, sigma 0.8 (the saturation benchmark's): a seeded draw.
    let state = 7;
    const uniform = () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) + 1) / 2_147_483_649;
    const sigma = 0.8;
    const mu = Math.log(100) - (sigma * sigma) / 2;
    for (let index = 0; index < 20_000; index++) {
      const normal = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
      window.succeeded(Math.exp(mu + sigma * normal));
      vi.advanceTimersByTime(2);
    }
    expect(window.decreases).toBe(0);
    expect(window.limit).toBe(64);
  });

  it('shrinks when latency climbs to three times its usual level, not on ordinary noise', () => {
    const window = new AdaptiveRequestWindow({ ceiling: 32, floor: 1, adaptive: true });
    for (let index = 0; index < 300; index++) window.succeeded(index % 2 === 0 ? 60 : 140);
    expect(window.limit).toBe(32);
    let samples = 0;
    while (window.decreases === 0 && samples < 100) {
      window.succeeded(1000);
      samples++;
    }
    expect(window.decreases).toBe(1);
    expect(window.limit).toBe(28);
    // The smoothed latency needs several slow answers to pass three times the usual: one is noise.
    expect(samples).toBeGreaterThanOrEqual(3);
  });

  it('stays at its ceiling when not adaptive, and never goes below its floor', () => {
    const fixed = new AdaptiveRequestWindow({ ceiling: 8, floor: 1, adaptive: false });
    fixed.overloaded();
    expect(fixed.limit).toBe(8);
    const floored = new AdaptiveRequestWindow({ ceiling: 8, floor: 3, adaptive: true });
    floored.overloaded();
    expect(floored.limit).toBe(4);
    vi.advanceTimersByTime(300);
    floored.overloaded();
    expect(floored.limit).toBe(3);
  });

  it('runs at most `limit` requests at once, highest priority first', async () => {
    vi.useRealTimers();
    const window = new AdaptiveRequestWindow({ ceiling: 2, floor: 1, adaptive: false });
    const signal = new AbortController().signal;
    const order: string[] = [];
    let open = 0;
    let maxOpen = 0;
    const request = (name: string) => async () => {
      open++;
      maxOpen = Math.max(maxOpen, open);
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(name);
      open--;
    };
    await Promise.all([
      window.run(request('a'), 0, signal),
      window.run(request('b'), 0, signal),
      window.run(request('shallow'), 0, signal),
      window.run(request('deep'), 5, signal),
    ]);
    expect(maxOpen).toBe(2);
    expect(order.indexOf('deep')).toBeLessThan(order.indexOf('shallow'));
  });
});
