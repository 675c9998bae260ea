import type { RateLimitInfo } from '@synthkit/core';
import { sleep } from './sleep';

/** Per-minute budgets of one endpoint; undefined means unlimited. */
export interface RateLimitBudgetOptions {
  readonly requestsPerMinute: number | undefined;
  readonly tokensPerMinute: number | undefined;
  readonly inputTokensPerMinute: number | undefined;
  readonly outputTokensPerMinute: number | undefined;
}

/** What one request is expected to use, reserved before it is sent. */
export interface RateLimitCost {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/**
 * The request and token budgets of one endpoint, shared by every stage and role that calls it, so
 * the run paces itself instead of waiting for 429s.
 *
 * Each budget is a token bucket that refills continuously at its per-minute rate and holds at most
 * one minute's worth. A request reserves its expected cost before it is sent (input tokens estimated
 * from the prompt, output tokens from `max_tokens` or the answers seen so far) and the reservation is
 * corrected with the real usage afterwards. When the endpoint sends rate-limit headers, they win:
 * the remaining counts they report lower the buckets, and their limits become the rates of budgets
 * the recipe did not set. Waiting requests are served in arrival order.
 */
export class RateLimitBudget {
  private readonly buckets: Record<BudgetName, Bucket | undefined>;
  /** Requests waiting for budget, in arrival order. */
  private tail: Promise<void> = Promise.resolve();
  /** Requests waiting for budget right now. */
  waiting = 0;

  constructor(options: RateLimitBudgetOptions) {
    this.buckets = {
      requests: bucket(options.requestsPerMinute),
      tokens: bucket(options.tokensPerMinute),
      inputTokens: bucket(options.inputTokensPerMinute),
      outputTokens: bucket(options.outputTokensPerMinute),
    };
    this.unlimited = Object.values(this.buckets).every((entry) => entry == null);
  }

  /**
   * True when no budget applies (nothing was configured and no header was seen): nothing to wait
   * for. Read on every call, so kept up to date rather than computed.
   */
  unlimited: boolean;

  /**
   * Waits until the budgets allow a request of this cost and reserves it.
   * @throws the signal's reason when it aborts while waiting.
   */
  async acquire(cost: RateLimitCost, signal: AbortSignal): Promise<void> {
    if (this.unlimited) return;
    this.waiting++;
    const turn = this.tail.then(() => this.reserve(cost, signal));
    // The next request waits for this one's turn, whatever its outcome.
    this.tail = turn.catch(() => {});
    try {
      await turn;
    } finally {
      this.waiting--;
    }
  }

  /** Corrects a reservation with what the request really used (the endpoint's counts). */
  settle(reserved: RateLimitCost, used: { readonly inputTokens?: number | undefined; readonly outputTokens?: number | undefined }): void {
    const input = used.inputTokens ?? reserved.inputTokens;
    const output = used.outputTokens ?? reserved.outputTokens;
    this.buckets.tokens?.take(input + output - reserved.inputTokens - reserved.outputTokens);
    this.buckets.inputTokens?.take(input - reserved.inputTokens);
    this.buckets.outputTokens?.take(output - reserved.outputTokens);
  }

  /** Gives back a reservation whose request was never answered by the endpoint. */
  refund(reserved: RateLimitCost): void {
    this.buckets.requests?.take(-1);
    this.buckets.tokens?.take(-(reserved.inputTokens + reserved.outputTokens));
    this.buckets.inputTokens?.take(-reserved.inputTokens);
    this.buckets.outputTokens?.take(-reserved.outputTokens);
  }

  /** Adopts what the endpoint reported in its rate-limit headers. */
  observe(info: RateLimitInfo): void {
    this.buckets.requests = follow(this.buckets.requests, info.limitRequests, info.remainingRequests);
    this.buckets.tokens = follow(this.buckets.tokens, info.limitTokens, info.remainingTokens);
    this.buckets.inputTokens = follow(this.buckets.inputTokens, info.limitInputTokens, info.remainingInputTokens);
    this.buckets.outputTokens = follow(this.buckets.outputTokens, info.limitOutputTokens, info.remainingOutputTokens);
    this.unlimited = Object.values(this.buckets).every((entry) => entry == null);
  }

  // --- Internal helpers ---

  private async reserve(cost: RateLimitCost, signal: AbortSignal): Promise<void> {
    for (;;) {
      signal.throwIfAborted();
      const needs: Array<[Bucket | undefined, number]> = [
        [this.buckets.requests, 1],
        [this.buckets.tokens, cost.inputTokens + cost.outputTokens],
        [this.buckets.inputTokens, cost.inputTokens],
        [this.buckets.outputTokens, cost.outputTokens],
      ];
      let waitMs = 0;
      for (const [entry, amount] of needs) if (entry != null) waitMs = Math.max(waitMs, entry.waitFor(amount));
      if (waitMs <= 0) {
        for (const [entry, amount] of needs) entry?.take(amount);
        return;
      }
      await sleep(waitMs, signal);
    }
  }
}

type BudgetName = 'requests' | 'tokens' | 'inputTokens' | 'outputTokens';

/** A continuously refilled bucket of `capacity` units (one minute's worth). */
class Bucket {
  private level: number;
  private updatedAt = performance.now();

  constructor(
    /** Units per minute. */
    public perMinute: number,
  ) {
    this.level = perMinute;
  }

  get capacity(): number {
    return this.perMinute;
  }

  /** Milliseconds until `amount` units are available (0 when they are). A cost above the capacity waits for a full bucket. */
  waitFor(amount: number): number {
    this.refill();
    const needed = Math.min(amount, this.capacity) - this.level;
    return needed <= 0 ? 0 : Math.ceil((needed / this.perMinute) * 60_000);
  }

  /** Takes units (negative: gives them back). The level may go below zero: a debt later requests wait for. */
  take(amount: number): void {
    this.refill();
    this.level = Math.min(this.capacity, this.level - amount);
  }

  /** Lowers the level to what the endpoint says remains. */
  lowerTo(remaining: number): void {
    this.refill();
    this.level = Math.min(this.level, remaining);
  }

  private refill(): void {
    const now = performance.now();
    this.level = Math.min(this.capacity, this.level + ((now - this.updatedAt) / 60_000) * this.perMinute);
    this.updatedAt = now;
  }
}

function bucket(perMinute: number | undefined): Bucket | undefined {
  return perMinute == null ? undefined : new Bucket(perMinute);
}

/** Follows the endpoint's headers: its limit becomes the rate of a budget the recipe left unset. */
function follow(entry: Bucket | undefined, limit: number | undefined, remaining: number | undefined): Bucket | undefined {
  let result = entry;
  if (result == null && limit != null && limit > 0) result = new Bucket(limit);
  if (result != null && remaining != null) result.lowerTo(remaining);
  return result;
}
