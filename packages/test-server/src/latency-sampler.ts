import { InvalidArgumentError } from '@synthkit/core';
import type { LatencyFunction, LatencyOption, LognormalLatency } from './latency-option';
import type { RecordedRequest } from './recorded-request';
import { defaultSeed, seededRandom } from './internal/seeded-random';

/**
 * Checks the `latencyMs` option and returns a function drawing one latency, in milliseconds, per
 * call: the fixed value, a uniform draw from the range, a seeded lognormal draw, or what the
 * option's function returns for the request passed. A server draws
 * one per request, in the order requests get a processing slot, so a benchmark can replay a seeded
 * lognormal server's exact latencies (e.g. to compare a run with a perfect scheduler on them).
 *
 * @throws InvalidArgumentError when the option is negative, an empty range, or a lognormal
 * distribution with a mean that is not positive, a negative `sigma` or a seed that is not an integer.
 */
export function latencySampler(latency: LatencyOption): (request?: RecordedRequest) => number {
  if (typeof latency === 'function') return (request) => chosenLatency(latency, request);
  if (typeof latency === 'object' && latency != null && 'distribution' in latency) return lognormalSampler(latency);
  const { min, max } = typeof latency === 'number' ? { min: latency, max: latency } : latency;
  if (!Number.isFinite(min) || !Number.isFinite(max) || min < 0 || max < min) {
    throw new InvalidArgumentError({
      argument: 'latencyMs',
      message:
        'latencyMs must be a non-negative number of milliseconds, a range { min, max } with ' +
        "0 <= min <= max, or { distribution: 'lognormal', meanMs, sigma }; " +
        `got ${JSON.stringify(latency)}.`,
    });
  }
  return () => min + Math.random() * (max - min);
}

// --- Internal helpers ---

/** What a latency function returns for a request, checked. */
function chosenLatency(latency: LatencyFunction, request: RecordedRequest | undefined): number {
  if (request == null) {
    throw new InvalidArgumentError({ argument: 'latencyMs', message: 'a latencyMs function needs the request it is drawn for; call the sampler with it.' });
  }
  const milliseconds = latency(request);
  if (!Number.isFinite(milliseconds) || milliseconds < 0) {
    throw new InvalidArgumentError({
      argument: 'latencyMs',
      message: `the latencyMs function returned ${JSON.stringify(milliseconds)} for ${request.method} ${request.path}; it must return a number of milliseconds, 0 or more.`,
    });
  }
  return milliseconds;
}

function lognormalSampler(latency: LognormalLatency): () => number {
  const problem = lognormalProblem(latency);
  if (problem != null) throw new InvalidArgumentError({ argument: 'latencyMs', message: problem });
  const { meanMs, sigma, seed = defaultSeed } = latency;
  const random = seededRandom(seed);
  // The mean of exp(N(mu, sigma²)) is exp(mu + sigma² / 2); this mu makes it meanMs.
  const mu = Math.log(meanMs) - (sigma * sigma) / 2;
  return () => Math.exp(mu + sigma * standardNormal(random));
}

/** Why a lognormal latency option is invalid, or `undefined` when it is fine. */
function lognormalProblem({ distribution, meanMs, sigma, seed = defaultSeed }: LognormalLatency): string | undefined {
  if (distribution !== 'lognormal') {
    return `latencyMs.distribution must be 'lognormal'; got ${JSON.stringify(distribution)}.`;
  }
  if (!Number.isFinite(meanMs) || meanMs <= 0) {
    return `latencyMs.meanMs must be a number of milliseconds greater than 0; got ${JSON.stringify(meanMs)}.`;
  }
  if (!Number.isFinite(sigma) || sigma < 0) {
    return `latencyMs.sigma must be a number at least 0 (e.g. 0.5); got ${JSON.stringify(sigma)}.`;
  }
  if (!Number.isInteger(seed)) return `latencyMs.seed must be an integer; got ${JSON.stringify(seed)}.`;
  return undefined;
}

/** One standard normal draw (Box-Muller), from two uniform draws. */
function standardNormal(random: () => number): number {
  // 1 - random() lies in (0, 1], so the logarithm is finite.
  const radius = Math.sqrt(-2 * Math.log(1 - random()));
  return radius * Math.cos(2 * Math.PI * random());
}
