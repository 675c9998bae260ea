import type { RateLimitInfo } from '@synthkit/core';

/**
 * Reads Anthropic's `anthropic-ratelimit-*` response headers: the request, token, input-token and
 * output-token limits and what remains of them. Resets, which Anthropic writes as RFC 3339 times,
 * become seconds from `now` (never negative); the token reset is the latest of the token resets.
 * Headers that are absent or unreadable are left out; returns undefined when there are none at all.
 *
 * @param now The current time in milliseconds since the epoch. Default: `Date.now()`.
 */
export function parseAnthropicRateLimitHeaders(headers: Headers, now = Date.now()): RateLimitInfo | undefined {
  let info: { -readonly [Key in keyof RateLimitInfo]: RateLimitInfo[Key] } | undefined;
  for (const [key, name] of countHeaders) {
    const value = parseCount(headers.get(`anthropic-ratelimit-${name}`));
    if (value !== undefined) (info ??= {})[key] = value;
  }
  const requestsReset = parseReset(headers.get('anthropic-ratelimit-requests-reset'), now);
  if (requestsReset !== undefined) (info ??= {}).resetRequestsSeconds = requestsReset;
  let tokensReset: number | undefined;
  for (const name of tokenResetHeaders) {
    const value = parseReset(headers.get(`anthropic-ratelimit-${name}`), now);
    if (value !== undefined) tokensReset = Math.max(tokensReset ?? 0, value);
  }
  if (tokensReset !== undefined) (info ??= {}).resetTokensSeconds = tokensReset;
  return info;
}

// --- Internal helpers ---

const countHeaders: ReadonlyArray<readonly [keyof RateLimitInfo, string]> = [
  ['limitRequests', 'requests-limit'],
  ['remainingRequests', 'requests-remaining'],
  ['limitTokens', 'tokens-limit'],
  ['remainingTokens', 'tokens-remaining'],
  ['limitInputTokens', 'input-tokens-limit'],
  ['remainingInputTokens', 'input-tokens-remaining'],
  ['limitOutputTokens', 'output-tokens-limit'],
  ['remainingOutputTokens', 'output-tokens-remaining'],
];

const tokenResetHeaders = ['tokens-reset', 'input-tokens-reset', 'output-tokens-reset'];

function parseCount(text: string | null): number | undefined {
  if (text == null || !/^\s*\d+\s*$/.test(text)) return undefined;
  return Number(text);
}

function parseReset(text: string | null, now: number): number | undefined {
  if (text == null) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : Math.max(0, (time - now) / 1000);
}
