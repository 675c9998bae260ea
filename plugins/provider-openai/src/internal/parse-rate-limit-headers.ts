import type { RateLimitInfo } from '@synthkit/core';

/**
 * Reads OpenAI's `x-ratelimit-*` response headers. Counts become numbers; resets, which OpenAI
 * writes as Go-style durations (`1s`, `6m0s`, `20ms`, `1h2m3.5s`), become seconds. Headers that are
 * absent or unreadable are left out; returns undefined when there are none at all (most
 * OpenAI-compatible servers send none).
 */
export function parseRateLimitHeaders(headers: Headers): RateLimitInfo | undefined {
  const info = {
    limitRequests: parseCount(headers.get('x-ratelimit-limit-requests')),
    remainingRequests: parseCount(headers.get('x-ratelimit-remaining-requests')),
    limitTokens: parseCount(headers.get('x-ratelimit-limit-tokens')),
    remainingTokens: parseCount(headers.get('x-ratelimit-remaining-tokens')),
    resetRequestsSeconds: parseDurationSeconds(headers.get('x-ratelimit-reset-requests')),
    resetTokensSeconds: parseDurationSeconds(headers.get('x-ratelimit-reset-tokens')),
  };
  const present = Object.entries(info).filter(([, value]) => value !== undefined);
  return present.length === 0 ? undefined : (Object.fromEntries(present) as RateLimitInfo);
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

const unitSeconds = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, ns: 1e-9 } as const;

function parseCount(text: string | null): number | undefined {
  if (text == null || !/^\s*\d+\s*$/.test(text)) return undefined;
  return Number(text);
}
