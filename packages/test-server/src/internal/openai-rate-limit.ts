import { goDuration } from './go-duration';
import type { RateLimitBudgetState, RateLimitRejection } from './rate-limiter';

/**
 * OpenAI's `x-ratelimit-limit-*`, `x-ratelimit-remaining-*` and `x-ratelimit-reset-*` headers for
 * the request and token budgets, the resets as Go durations (`20ms`, `1.5s`, `6m0s`).
 */
export function openAIRateLimitHeaders(budgets: ReadonlyArray<RateLimitBudgetState>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { name, limit, remaining, resetMs } of budgets) {
    if (name !== 'requests' && name !== 'tokens') continue;
    headers[`x-ratelimit-limit-${name}`] = String(limit);
    headers[`x-ratelimit-remaining-${name}`] = String(remaining);
    headers[`x-ratelimit-reset-${name}`] = goDuration(resetMs);
  }
  return headers;
}

/**
 * The 429 of a refused request in OpenAI's words: `error.type` is the limit that was hit
 * (`requests` or `tokens`), and the headers carry `retry-after-ms`, or `x-should-retry: false` when
 * the request is larger than the whole token budget.
 */
export function openAIRateLimitRejection(rejection: RateLimitRejection): {
  readonly type: string;
  readonly message: string;
  readonly headers: Record<string, string>;
} {
  const { budget, limit, used, requested, waitMs, windowMs } = rejection;
  const per = windowMs === 60_000 ? 'per minute' : `per ${goDuration(windowMs)}`;
  const type = budget === 'requests' ? 'requests' : 'tokens';
  const headers = openAIRateLimitHeaders(rejection.budgets);
  if (waitMs === undefined) {
    return {
      type,
      message:
        `Request too large for tokens ${per} (TPM): Limit ${limit}, Requested ${requested}. ` +
        'The input or output tokens must be reduced in order to run successfully.',
      // Waiting cannot help, so say so rather than send a retry-after-ms.
      headers: { ...headers, 'x-should-retry': 'false' },
    };
  }
  const limitName = type === 'requests' ? 'RPM' : 'TPM';
  return {
    type,
    message:
      `Rate limit reached for ${type} ${per} (${limitName}): Limit ${limit}, Used ${used}, ` +
      `Requested ${requested}. Please try again in ${goDuration(waitMs)}.`,
    headers: { ...headers, 'retry-after-ms': String(waitMs) },
  };
}
