import { InvalidArgumentError } from '@synthkit/core';
import type { RateLimitOptions } from '../rate-limit-options';
import { goDuration } from './go-duration';

/** What the rate limiter says about one request. */
export type Admission =
  | {
      readonly admitted: true;
      /** Adds tokens to the request's cost once they are known (the words of its answer). */
      charge(tokens: number): void;
      /** The `x-ratelimit-*` headers as of now. */
      headers(): Record<string, string>;
    }
  | {
      readonly admitted: false;
      /** The message of the 429 answer, in the words of the OpenAI API. */
      readonly message: string;
      /** `error.type` of the 429 answer: the limit that was hit. */
      readonly type: 'requests' | 'tokens';
      /** The `x-ratelimit-*` headers, and `retry-after-ms` when waiting can help. */
      readonly headers: Record<string, string>;
    };

/** A sliding-window limit on requests and tokens (see `RateLimitOptions`). */
export interface RateLimiter {
  /** Admits a request costing `tokens` now, counting it in the window, or rejects it without counting it. */
  admit(tokens: number): Admission;
}

/**
 * Checks the `rateLimit` option and returns its limiter.
 *
 * @throws InvalidArgumentError when neither limit is set, a limit is not a whole number of at least
 * 1, or `windowMs` is not a positive number.
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const { requestsPerMinute, tokensPerMinute, windowMs = 60_000 } = options;
  const problem = optionsProblem(requestsPerMinute, tokensPerMinute, windowMs);
  if (problem != null) throw new InvalidArgumentError({ argument: 'rateLimit', message: problem });
  /** Admitted requests still in the window, oldest first. */
  const window: WindowEntry[] = [];
  const per = windowMs === 60_000 ? 'per minute' : `per ${goDuration(windowMs)}`;

  function expire(now: number): void {
    const firstLive = window.findIndex((entry) => entry.time + windowMs > now);
    window.splice(0, firstLive === -1 ? window.length : firstLive);
  }

  function headersAt(now: number): Record<string, string> {
    const headers: Record<string, string> = {};
    if (requestsPerMinute != null) {
      const newest = window.at(-1);
      headers['x-ratelimit-limit-requests'] = String(requestsPerMinute);
      headers['x-ratelimit-remaining-requests'] = String(Math.max(0, requestsPerMinute - window.length));
      headers['x-ratelimit-reset-requests'] = goDuration(newest == null ? 0 : newest.time + windowMs - now);
    }
    if (tokensPerMinute != null) {
      const newest = window.findLast((entry) => entry.tokens > 0);
      headers['x-ratelimit-limit-tokens'] = String(tokensPerMinute);
      headers['x-ratelimit-remaining-tokens'] = String(Math.max(0, tokensPerMinute - tokensIn(window)));
      headers['x-ratelimit-reset-tokens'] = goDuration(newest == null ? 0 : newest.time + windowMs - now);
    }
    return headers;
  }

  return {
    admit(tokens) {
      const now = performance.now();
      expire(now);
      if (tokensPerMinute != null && tokens > tokensPerMinute) {
        return {
          admitted: false,
          type: 'tokens',
          message:
            `Request too large for tokens ${per} (TPM): Limit ${tokensPerMinute}, Requested ${tokens}. ` +
            'The input or output tokens must be reduced in order to run successfully.',
          // Waiting cannot help, so say so rather than send a retry-after-ms.
          headers: { ...headersAt(now), 'x-should-retry': 'false' },
        };
      }
      const requestWaitMs =
        requestsPerMinute != null && window.length + 1 > requestsPerMinute
          ? waitUntilFreed(window, windowMs, now, () => 1, window.length + 1 - requestsPerMinute)
          : 0;
      const used = tokensIn(window);
      const tokenWaitMs =
        tokensPerMinute != null && used + tokens > tokensPerMinute
          ? waitUntilFreed(window, windowMs, now, (entry) => entry.tokens, used + tokens - tokensPerMinute)
          : 0;
      if (requestWaitMs > 0 || tokenWaitMs > 0) {
        const type = requestWaitMs >= tokenWaitMs ? 'requests' : 'tokens';
        const waitMs = Math.max(1, Math.ceil(Math.max(requestWaitMs, tokenWaitMs)));
        const message =
          type === 'requests'
            ? `Rate limit reached for requests ${per} (RPM): Limit ${requestsPerMinute}, Used ${window.length}, ` +
              `Requested 1. Please try again in ${goDuration(waitMs)}.`
            : `Rate limit reached for tokens ${per} (TPM): Limit ${tokensPerMinute}, Used ${used}, ` +
              `Requested ${tokens}. Please try again in ${goDuration(waitMs)}.`;
        return { admitted: false, type, message, headers: { ...headersAt(now), 'retry-after-ms': String(waitMs) } };
      }
      const entry: WindowEntry = { time: now, tokens };
      window.push(entry);
      return {
        admitted: true,
        charge(extra) {
          entry.tokens += extra;
        },
        headers: () => headersAt(performance.now()),
      };
    },
  };
}

// --- Internal helpers ---

/** One admitted request: when it arrived (`performance.now()` milliseconds) and its tokens so far. */
interface WindowEntry {
  readonly time: number;
  tokens: number;
}

function tokensIn(window: ReadonlyArray<WindowEntry>): number {
  return window.reduce((sum, entry) => sum + entry.tokens, 0);
}

/**
 * How long until entries leaving the window free at least `excess` of what `amountOf` measures
 * (1 per request, or its tokens), in milliseconds from `now`.
 */
function waitUntilFreed(
  window: ReadonlyArray<WindowEntry>,
  windowMs: number,
  now: number,
  amountOf: (entry: WindowEntry) => number,
  excess: number,
): number {
  let freed = 0;
  for (const entry of window) {
    freed += amountOf(entry);
    if (freed >= excess) return entry.time + windowMs - now;
  }
  return windowMs;
}

function optionsProblem(
  requestsPerMinute: number | undefined,
  tokensPerMinute: number | undefined,
  windowMs: number,
): string | undefined {
  if (requestsPerMinute == null && tokensPerMinute == null) {
    return 'rateLimit needs requestsPerMinute, tokensPerMinute or both.';
  }
  for (const [name, limit] of [
    ['requestsPerMinute', requestsPerMinute],
    ['tokensPerMinute', tokensPerMinute],
  ] as const) {
    if (limit != null && !(Number.isInteger(limit) && limit >= 1)) {
      return `rateLimit.${name} must be a whole number, at least 1; got ${JSON.stringify(limit)}.`;
    }
  }
  if (typeof windowMs !== 'number' || !Number.isFinite(windowMs) || windowMs <= 0) {
    return `rateLimit.windowMs must be a positive number of milliseconds; got ${JSON.stringify(windowMs)}.`;
  }
  return undefined;
}
