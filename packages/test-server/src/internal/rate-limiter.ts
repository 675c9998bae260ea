import { InvalidArgumentError } from '@synthkit/core';

/**
 * The limits a {@link RateLimiter} enforces over a sliding window: the union of what the OpenAI
 * (`RateLimitOptions`) and Anthropic (`AnthropicRateLimitOptions`) servers offer. Set at least one.
 */
export interface RateLimiterLimits {
  readonly requestsPerMinute?: number;
  /** Input and output tokens together. */
  readonly tokensPerMinute?: number;
  readonly inputTokensPerMinute?: number;
  readonly outputTokensPerMinute?: number;
  /** Default: 60000. */
  readonly windowMs?: number;
}

/** A budget of the window: what it counts, each a header family in the wire formats. */
export type RateLimitBudgetName = 'requests' | 'tokens' | 'input-tokens' | 'output-tokens';

/** How one configured budget stands right now. */
export interface RateLimitBudgetState {
  readonly name: RateLimitBudgetName;
  /** The most the window allows. */
  readonly limit: number;
  /** What is left of it now, never below 0. */
  readonly remaining: number;
  /** Milliseconds until the window holds nothing of this budget, so it is whole again. */
  readonly resetMs: number;
}

/** What a request costs: its prompt tokens, and the output tokens it may produce. */
export interface RequestCost {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** What the rate limiter says about one request. */
export type Admission =
  | {
      readonly admitted: true;
      /** Adds output tokens to the request's cost once they are known (the words of its answer). */
      charge(outputTokens: number): void;
      /** Every configured budget as of now, in the order requests, tokens, input tokens, output tokens. */
      budgets(): ReadonlyArray<RateLimitBudgetState>;
    }
  | ({ readonly admitted: false } & RateLimitRejection);

/** Why a request was refused, for the wire format to word its 429. */
export interface RateLimitRejection {
  /** The budget the request does not fit in (the one that frees up last, when several). */
  readonly budget: RateLimitBudgetName;
  readonly limit: number;
  /** What the window holds of that budget now. */
  readonly used: number;
  /** What the request asked of it. */
  readonly requested: number;
  /**
   * Milliseconds until enough of the window has expired for the request to fit, at least 1;
   * `undefined` when it can never fit (it asks more than the whole budget), so waiting cannot help.
   */
  readonly waitMs: number | undefined;
  /** The window length, in milliseconds, for messages ("per minute", "per 100ms"). */
  readonly windowMs: number;
  /** Every configured budget as of now. */
  readonly budgets: ReadonlyArray<RateLimitBudgetState>;
}

/** A sliding-window limit on requests and tokens. */
export interface RateLimiter {
  /** Admits a request costing `cost` now, counting it in the window, or rejects it without counting it. */
  admit(cost: RequestCost): Admission;
}

/**
 * Checks the limits and returns their limiter. Requests over budget are refused and do not count;
 * the wire formats turn budgets and refusals into their own headers and error bodies.
 * `splitTokens` says whether the server offers input and output token limits (Anthropic's), so
 * that the message for a missing limit names the ones it has.
 *
 * @throws InvalidArgumentError (argument `rateLimit`) when no limit is set, a limit is not a whole
 * number of at least 1, or `windowMs` is not a positive number.
 */
export function createRateLimiter(limits: RateLimiterLimits, splitTokens = false): RateLimiter {
  const { windowMs = 60_000 } = limits;
  const problem = limitsProblem(limits, windowMs, splitTokens);
  if (problem != null) throw new InvalidArgumentError({ argument: 'rateLimit', message: problem });
  const budgets = budgetsOf(limits);
  /** Admitted requests still in the window, oldest first. */
  const window: WindowEntry[] = [];

  function expire(now: number): void {
    const firstLive = window.findIndex((entry) => entry.time + windowMs > now);
    window.splice(0, firstLive === -1 ? window.length : firstLive);
  }

  function statesAt(now: number): RateLimitBudgetState[] {
    return budgets.map(({ name, limit, amountOf }) => {
      const newest = window.findLast((entry) => amountOf(entry) > 0);
      return {
        name,
        limit,
        remaining: Math.max(0, limit - usedOf(window, amountOf)),
        resetMs: newest == null ? 0 : newest.time + windowMs - now,
      };
    });
  }

  return {
    admit(cost) {
      const now = performance.now();
      expire(now);
      const request: WindowEntry = { time: now, inputTokens: cost.inputTokens, outputTokens: cost.outputTokens };
      let rejection: Omit<RateLimitRejection, 'windowMs' | 'budgets'> | undefined;
      for (const { name, limit, amountOf } of budgets) {
        const requested = amountOf(request);
        const used = usedOf(window, amountOf);
        if (requested > limit) {
          rejection = { budget: name, limit, used, requested, waitMs: undefined };
          break;
        }
        if (used + requested <= limit) continue;
        const waitMs = Math.max(1, Math.ceil(waitUntilFreed(window, windowMs, now, amountOf, used + requested - limit)));
        if (rejection?.waitMs == null || waitMs > rejection.waitMs) rejection = { budget: name, limit, used, requested, waitMs };
      }
      if (rejection != null) return { admitted: false, ...rejection, windowMs, budgets: statesAt(now) };
      window.push(request);
      return {
        admitted: true,
        charge(outputTokens) {
          request.outputTokens += outputTokens;
        },
        budgets: () => statesAt(performance.now()),
      };
    },
  };
}

// --- Internal helpers ---

/** One admitted request: when it arrived (`performance.now()` milliseconds) and its tokens so far. */
interface WindowEntry {
  readonly time: number;
  readonly inputTokens: number;
  outputTokens: number;
}

interface Budget {
  readonly name: RateLimitBudgetName;
  readonly limit: number;
  /** What one request takes of the budget: 1, or some of its tokens. */
  readonly amountOf: (entry: WindowEntry) => number;
}

/** The configured budgets, in header order. */
function budgetsOf(limits: RateLimiterLimits): Budget[] {
  const candidates: Array<readonly [RateLimitBudgetName, number | undefined, Budget['amountOf']]> = [
    ['requests', limits.requestsPerMinute, () => 1],
    ['tokens', limits.tokensPerMinute, (entry) => entry.inputTokens + entry.outputTokens],
    ['input-tokens', limits.inputTokensPerMinute, (entry) => entry.inputTokens],
    ['output-tokens', limits.outputTokensPerMinute, (entry) => entry.outputTokens],
  ];
  return candidates.flatMap(([name, limit, amountOf]) => (limit == null ? [] : [{ name, limit, amountOf }]));
}

function usedOf(window: ReadonlyArray<WindowEntry>, amountOf: Budget['amountOf']): number {
  return window.reduce((sum, entry) => sum + amountOf(entry), 0);
}

/**
 * How long until entries leaving the window free at least `excess` of what `amountOf` measures
 * (1 per request, or its tokens), in milliseconds from `now`.
 */
function waitUntilFreed(
  window: ReadonlyArray<WindowEntry>,
  windowMs: number,
  now: number,
  amountOf: Budget['amountOf'],
  excess: number,
): number {
  let freed = 0;
  for (const entry of window) {
    freed += amountOf(entry);
    if (freed >= excess) return entry.time + windowMs - now;
  }
  return windowMs;
}

function limitsProblem(limits: RateLimiterLimits, windowMs: number, splitTokens: boolean): string | undefined {
  const named = [
    ['requestsPerMinute', limits.requestsPerMinute],
    ['tokensPerMinute', limits.tokensPerMinute],
    ['inputTokensPerMinute', limits.inputTokensPerMinute],
    ['outputTokensPerMinute', limits.outputTokensPerMinute],
  ] as const;
  if (named.every(([, limit]) => limit == null)) {
    return splitTokens
      ? 'rateLimit needs at least one of requestsPerMinute, tokensPerMinute, inputTokensPerMinute and outputTokensPerMinute.'
      : 'rateLimit needs requestsPerMinute, tokensPerMinute or both.';
  }
  for (const [name, limit] of named) {
    if (limit != null && !(Number.isInteger(limit) && limit >= 1)) {
      return `rateLimit.${name} must be a whole number, at least 1; got ${JSON.stringify(limit)}.`;
    }
  }
  if (typeof windowMs !== 'number' || !Number.isFinite(windowMs) || windowMs <= 0) {
    return `rateLimit.windowMs must be a positive number of milliseconds; got ${JSON.stringify(windowMs)}.`;
  }
  return undefined;
}
