import type { RecordedRequest } from './recorded-request';

/** A latency drawn uniformly from `min` to `max` milliseconds for each request. */
export interface LatencyRange {
  /** The shortest latency, in milliseconds, at least 0. */
  readonly min: number;
  /** The longest latency, in milliseconds, at least `min`. */
  readonly max: number;
}

/**
 * A heavy-tailed latency, as real LLM endpoints show: most answers come near the median, a few take
 * several times longer. Each request draws `exp(mu + sigma * z)` milliseconds, `z` standard normal,
 * with `mu = ln(meanMs) - sigma² / 2` so that the mean of the distribution is exactly `meanMs` (its
 * median is `meanMs * exp(-sigma² / 2)`, a little lower).
 */
export interface LognormalLatency {
  readonly distribution: 'lognormal';
  /** The mean latency, in milliseconds; greater than 0. */
  readonly meanMs: number;
  /**
   * The standard deviation of the latency's natural logarithm, at least 0: how heavy the tail is.
   * `0` gives `meanMs` every time, `0.5` a moderate tail (the 99th percentile is about 3 times the
   * median), `1` a heavy one (about 10 times).
   */
  readonly sigma: number;
  /**
   * Seed of the random draws (an integer), so a run can be repeated exactly. Default: 1, so runs
   * repeat unless you vary it.
   */
  readonly seed?: number;
}

/**
 * A latency chosen per request, in milliseconds: `(request) => request.prompt?.includes('slow') ? 500 : 5`.
 * Lets a test make one request slow on purpose, e.g. to show that later stages do not wait for it.
 */
export type LatencyFunction = (request: RecordedRequest) => number;

/**
 * The `latencyMs` option of the test server: a fixed number of milliseconds, a uniform
 * {@link LatencyRange}, a {@link LognormalLatency}, or a {@link LatencyFunction} of the request.
 */
export type LatencyOption = number | LatencyRange | LognormalLatency | LatencyFunction;
