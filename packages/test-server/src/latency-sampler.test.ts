import { InvalidArgumentError } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import type { LatencyOption } from './latency-option';
import { latencySampler } from './latency-sampler';

describe('latencySampler', () => {
  it('draws a fixed latency, or uniformly from a range', () => {
    const fixed = latencySampler(25);
    const ranged = latencySampler({ min: 10, max: 20 });

    const draws = Array.from({ length: 1000 }, ranged);

    expect(fixed()).toBe(25);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...draws)).toBeLessThan(20);
  });

  it.each([
    { meanMs: 200, sigma: 0.5 },
    { meanMs: 50, sigma: 1 },
  ])('draws a lognormal latency whose mean is meanMs ($meanMs ms, sigma $sigma)', ({ meanMs, sigma }) => {
    const draw = latencySampler({ distribution: 'lognormal', meanMs, sigma, seed: 11 });

    const draws = Array.from({ length: 200_000 }, draw).sort((left, right) => left - right);
    const mean = draws.reduce((sum, value) => sum + value, 0) / draws.length;
    const median = draws[draws.length / 2] ?? 0;

    expect(Math.abs(mean - meanMs) / meanMs).toBeLessThan(0.03);
    // The median of a lognormal is exp(mu) = meanMs * exp(-sigma² / 2): the tail pulls the mean above it.
    expect(Math.abs(median - meanMs * Math.exp((-sigma * sigma) / 2)) / meanMs).toBeLessThan(0.03);
    expect(draws[0]).toBeGreaterThan(0);
  });

  it('repeats the same lognormal draws for the same seed, and other draws for another seed', () => {
    const options = { distribution: 'lognormal', meanMs: 100, sigma: 0.8 } as const;
    const draws = (seed?: number) => Array.from({ length: 20 }, latencySampler({ ...options, seed }));

    expect(draws(5)).toEqual(draws(5));
    expect(draws(5)).not.toEqual(draws(6));
    expect(draws()).toEqual(draws(1));
  });

  it('draws exactly meanMs when sigma is 0', () => {
    const draw = latencySampler({ distribution: 'lognormal', meanMs: 40, sigma: 0 });

    expect(Array.from({ length: 5 }, draw).map(Math.round)).toEqual([40, 40, 40, 40, 40]);
  });

  it.each<[LatencyOption, RegExp]>([
    [-1, /latencyMs must be a non-negative number/],
    [{ min: 50, max: 10 }, /got \{"min":50,"max":10\}/],
    [{ distribution: 'lognormal', meanMs: 0, sigma: 0.5 }, /latencyMs\.meanMs must be .* greater than 0; got 0/],
    [{ distribution: 'lognormal', meanMs: 100, sigma: -1 }, /latencyMs\.sigma must be a number at least 0/],
    [{ distribution: 'lognormal', meanMs: 100, sigma: 0.5, seed: 0.5 }, /latencyMs\.seed must be an integer/],
    [{ distribution: 'pareto' as 'lognormal', meanMs: 100, sigma: 0.5 }, /latencyMs\.distribution must be 'lognormal'/],
  ])('rejects an invalid latency %j', (latency, message) => {
    const error = (() => {
      try {
        latencySampler(latency);
        return undefined;
      } catch (caught) {
        return caught;
      }
    })();

    expect(error).toSatisfy(InvalidArgumentError.isInstance);
    expect((error as InvalidArgumentError).argument).toBe('latencyMs');
    expect((error as Error).message).toMatch(message);
  });

  it('asks a latency function for each request, and refuses what is not a number of milliseconds', () => {
    const request = { method: 'POST', path: '/v1/chat/completions', headers: {}, body: {}, prompt: 'slow please', receivedAtMs: 0 };
    const chosen = latencySampler((received) => (received.prompt?.includes('slow') ? 500 : 5));
    expect(chosen(request)).toBe(500);
    expect(chosen({ ...request, prompt: 'fast' })).toBe(5);
    expect(() => latencySampler(() => -1)(request)).toThrow('the latencyMs function returned -1 for POST /v1/chat/completions');
  });
});

