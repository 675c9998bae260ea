import { goDuration } from './go-duration';
import type { RateLimitBudgetState, RateLimitRejection } from './rate-limiter';

/**
 * Anthropic's `anthropic-ratelimit-<budget>-limit`, `-remaining` and `-reset` headers for every
 * configured budget (`requests`, `tokens`, `input-tokens`, `output-tokens`), the resets as RFC 3339
 * times (when the budget is whole again). Like the API, the `tokens` headers are always sent when a
 * token budget is configured: without a combined limit they repeat the most restrictive of the
 * input and output budgets (the one with the least remaining).
 *
 * @param now The current time in milliseconds since the epoch. Default: `Date.now()`.
 */
export function anthropicRateLimitHeaders(
  budgets: ReadonlyArray<RateLimitBudgetState>,
  now = Date.now(),
): Record<string, string> {
  const headers: Record<string, string> = {};
  const write = (name: string, { limit, remaining, resetMs }: RateLimitBudgetState) => {
    headers[`anthropic-ratelimit-${name}-limit`] = String(limit);
    headers[`anthropic-ratelimit-${name}-remaining`] = String(remaining);
    headers[`anthropic-ratelimit-${name}-reset`] = new Date(now + Math.max(0, resetMs)).toISOString();
  };
  for (const budget of budgets) write(budget.name, budget);
  if (!budgets.some((budget) => budget.name === 'tokens')) {
    const split = budgets.filter((budget) => budget.name === 'input-tokens' || budget.name === 'output-tokens');
    const tightest = split.reduce<RateLimitBudgetState | undefined>(
      (tightestSoFar, budget) => (tightestSoFar == null || budget.remaining < tightestSoFar.remaining ? budget : tightestSoFar),
      undefined,
    );
    if (tightest != null) write('tokens', tightest);
  }
  return headers;
}

/**
 * The 429 `rate_limit_error` of a refused request in the API's words, with `retry-after` in whole
 * seconds (rounded up, as the API sends it), or `x-should-retry: false` when the request is larger
 * than the whole budget, so waiting cannot help.
 */
export function anthropicRateLimitRejection(rejection: RateLimitRejection): {
  readonly message: string;
  readonly headers: Record<string, string>;
} {
  const { budget, limit, waitMs, windowMs } = rejection;
  const per = windowMs === 60_000 ? 'per minute' : `per ${goDuration(windowMs)}`;
  const unit = budget === 'requests' ? 'requests' : `${budget.replace('-', ' ')}`;
  const headers = anthropicRateLimitHeaders(rejection.budgets);
  if (waitMs === undefined) {
    return {
      message:
        `This request would exceed your organization's rate limit of ${limit} ${unit} ${per} on its own ` +
        `(it asks for ${rejection.requested}). Please reduce the prompt length or the maximum tokens requested.`,
      headers: { ...headers, 'x-should-retry': 'false' },
    };
  }
  return {
    message:
      `This request would exceed your organization's rate limit of ${limit} ${unit} ${per}. ` +
      'You can see the response headers for current usage. Please reduce the prompt length or the ' +
      'maximum tokens requested, or try again later.',
    headers: { ...headers, 'retry-after': String(Math.ceil(waitMs / 1000)) },
  };
}
