import { describe, expect, it } from 'vitest';
import { RateLimitBudget } from './rate-limit-budget';

const signal = new AbortController().signal;

describe('RateLimitBudget', () => {
  it('lets requests through while the token budget lasts, then waits for it to refill', async () => {
    // 6000 tokens a minute: 100 a second.
    const budget = new RateLimitBudget({ requestsPerMinute: undefined, tokensPerMinute: 6000, inputTokensPerMinute: undefined, outputTokensPerMinute: undefined });
    const cost = { inputTokens: 2000, outputTokens: 1000 };
    await budget.acquire(cost, signal);
    await budget.acquire(cost, signal);
    const startedAt = performance.now();
    // The bucket is empty: 30 tokens need 300 ms.
    await budget.acquire({ inputTokens: 20, outputTokens: 10 }, signal);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(250);
  });

  it('corrects a reservation with the real usage', async () => {
    const budget = new RateLimitBudget({ requestsPerMinute: undefined, tokensPerMinute: 6000, inputTokensPerMinute: undefined, outputTokensPerMinute: undefined });
    const reserved = { inputTokens: 3000, outputTokens: 3000 };
    await budget.acquire(reserved, signal);
    // It used far less: the difference comes back, so the next request need not wait.
    budget.settle(reserved, { inputTokens: 100, outputTokens: 100 });
    const startedAt = performance.now();
    await budget.acquire({ inputTokens: 3000, outputTokens: 2000 }, signal);
    expect(performance.now() - startedAt).toBeLessThan(200);
  });

  it('adopts the limits the endpoint reports and lowers to what remains', async () => {
    const budget = new RateLimitBudget({ requestsPerMinute: undefined, tokensPerMinute: undefined, inputTokensPerMinute: undefined, outputTokensPerMinute: undefined });
    expect(budget.unlimited).toBe(true);
    budget.observe({ limitRequests: 600, remainingRequests: 0 });
    expect(budget.unlimited).toBe(false);
    const startedAt = performance.now();
    await budget.acquire({ inputTokens: 1, outputTokens: 1 }, signal);
    // 600 a minute: one refills in 100 ms.
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(80);
  });

  it('stops waiting when the run is cancelled', async () => {
    const budget = new RateLimitBudget({ requestsPerMinute: 1, tokensPerMinute: undefined, inputTokensPerMinute: undefined, outputTokensPerMinute: undefined });
    await budget.acquire({ inputTokens: 0, outputTokens: 0 }, signal);
    const controller = new AbortController();
    const waiting = budget.acquire({ inputTokens: 0, outputTokens: 0 }, controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    expect(budget.waiting).toBe(0);
  });
});
