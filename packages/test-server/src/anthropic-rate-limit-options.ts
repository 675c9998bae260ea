import type { RateLimitOptions } from './rate-limit-options';

/**
 * The `rateLimit` option of the Anthropic test server: limits like Anthropic's requests, input
 * tokens and output tokens per minute (plus a combined token limit), over a sliding window.
 * Requests over budget get HTTP 429 `rate_limit_error` with `retry-after` in whole seconds (the
 * time until the budget allows them, rounded up), and do not use up the budget themselves. Every
 * messages response carries the `anthropic-ratelimit-<budget>-limit`, `-remaining` and `-reset`
 * headers of the limits set (`requests`, `tokens`, `input-tokens`, `output-tokens`; the resets are
 * RFC 3339 times at which the window holds nothing, so the budget is whole again). The `tokens`
 * headers are sent whenever a token limit is set: without `tokensPerMinute` they repeat the input
 * or output budget with the least remaining, as the API reports its most restrictive limit.
 *
 * Tokens are whitespace-separated words. A request costs its input words (the system prompt and
 * every message) and its `max_tokens` as output tokens, both checked when it arrives, as the API
 * estimates output from `max_tokens`. Set at least one limit.
 */
export interface AnthropicRateLimitOptions extends RateLimitOptions {
  /** Input tokens (words) allowed in any window of `windowMs`; a whole number, at least 1. Default: no limit. */
  readonly inputTokensPerMinute?: number;
  /**
   * Output tokens allowed in any window of `windowMs`, counted as each request's `max_tokens`; a
   * whole number, at least 1. Default: no limit.
   */
  readonly outputTokensPerMinute?: number;
}
