/**
 * The `rateLimit` option of the test server: limits like OpenAI's requests-per-minute and
 * tokens-per-minute, over a sliding window. Requests over budget get HTTP 429
 * `rate_limit_exceeded` with a `retry-after-ms` header saying when the budget allows them, and do
 * not use up the budget themselves. Every completion response carries OpenAI's
 * `x-ratelimit-limit-*`, `x-ratelimit-remaining-*` and `x-ratelimit-reset-*` headers for the limits
 * set (`-requests` and `-tokens`; the resets are Go durations such as `20ms`, `1.5s` or `6m0s`: the
 * time until the window holds nothing, so the budget is whole again).
 *
 * Tokens are whitespace-separated words, as everywhere in the test server. A request costs its
 * prompt words (every message, or the completion prompt) plus, when it sets `max_tokens` (or
 * `max_completion_tokens`), `max_tokens` times `n`, checked when it arrives, as OpenAI estimates;
 * without `max_tokens`, the words of its answer are added once they are known (before it is sent),
 * so they count against later requests. Set at least one of the two limits.
 */
export interface RateLimitOptions {
  /** Requests allowed in any window of `windowMs`; a whole number, at least 1. Default: no limit. */
  readonly requestsPerMinute?: number;
  /** Tokens (words) allowed in any window of `windowMs`; a whole number, at least 1. Default: no limit. */
  readonly tokensPerMinute?: number;
  /**
   * The length of the sliding window, in milliseconds. Shorten it so tests see the budget come back
   * quickly; the limits then apply per this window, not per minute. Default: 60000.
   */
  readonly windowMs?: number;
}
