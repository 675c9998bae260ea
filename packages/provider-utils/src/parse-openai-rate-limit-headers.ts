import type { RateLimitInfo } from '@synthkit/core';

/**
 * Reads OpenAI's `x-ratelimit-*` response headers. Counts become numbers; resets, which OpenAI
 * writes as Go-style durations (`1s`, `6m0s`, `20ms`, `1h2m3.5s`), become seconds. Headers that are
 * absent or unreadable are left out; returns undefined when there are none at all (most
 * OpenAI-compatible servers send none).
 */
export function parseOpenAIRateLimitHeaders(headers: Headers): RateLimitInfo | undefined {
  // Called for every answer: no allocation at all when the server sends none of them.
  let info: { -readonly [Key in keyof RateLimitInfo]: RateLimitInfo[Key] } | undefined;
  for (const [key, name, parse] of rateLimitHeaders) {
    const value = parse(headers.get(name));
    if (value !== undefined) (info ??= {})[key] = value;
  }
  return info;
}

/**
 * A Go-style duration (`6m0s`, `20ms`, `1.5s`) or a plain number of seconds, in seconds; undefined
 * when the text is neither.
 */
export function parseDurationSeconds(text: string | null): number | undefined {
  if (text == null) return undefined;
  const trimmed = text.trim();
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Number(trimmed);
  if (!/^(?:\d+(?:\.\d+)?(?:ms|us|µs|ns|h|m|s))+$/.test(trimmed)) return undefined;
  let seconds = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/g)) {
    seconds += Number(amount) * (unitSeconds[unit as keyof typeof unitSeconds] ?? 0);
  }
  // Round to the microsecond so `20ms` is 0.02, not 0.020000000000000004.
  return Math.round(seconds * 1e6) / 1e6;
}

// --- Internal helpers ---

const rateLimitHeaders: ReadonlyArray<readonly [keyof RateLimitInfo, string, (text: string | null) => number | undefined]> = [
  ['limitRequests', 'x-ratelimit-limit-requests', parseCount],
  ['remainingRequests', 'x-ratelimit-remaining-requests', parseCount],
  ['limitTokens', 'x-ratelimit-limit-tokens', parseCount],
  ['remainingTokens', 'x-ratelimit-remaining-tokens', parseCount],
  ['resetRequestsSeconds', 'x-ratelimit-reset-requests', parseDurationSeconds],
  ['resetTokensSeconds', 'x-ratelimit-reset-tokens', parseDurationSeconds],
];

const unitSeconds = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, ns: 1e-9 } as const;

function parseCount(text: string | null): number | undefined {
  if (text == null || !/^\s*\d+\s*$/.test(text)) return undefined;
  return Number(text);
}
