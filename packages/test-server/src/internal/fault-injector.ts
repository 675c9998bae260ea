import { createHash } from 'node:crypto';
import { InvalidArgumentError } from '@synthkit/core';
import type { ErrorAnswer } from '../answer-rule';
import {
  defaultFaultSpecs,
  type FaultInjectionOptions,
  type FaultSpec,
  type StatusFault,
} from '../fault-injection-options';
import { type FaultKind, faultKinds } from '../fault-kind';
import { defaultSeed, seededRandom } from './seeded-random';

/** Draws the faults of the `faults` option and counts them. */
export interface FaultInjector {
  /**
   * Decides whether the request with this raw JSON body gets a fault, and which; `undefined` to
   * answer it normally. Always makes the same number of random draws, so the sequence of faults
   * depends only on the seed and the order of requests.
   */
  draw(rawBody: string): FaultSpec | undefined;
  /** Faults injected so far. */
  readonly faultsInjected: number;
  /** Faults injected so far by {@link faultLabel}, every configured fault listed from the start. */
  readonly faultCounts: Readonly<Record<string, number>>;
}

/** The faults a server can play: its fault kinds, and the `kinds` it draws from by default. */
export interface SupportedFaults {
  readonly kinds: ReadonlyArray<FaultKind>;
  readonly defaults: ReadonlyArray<FaultSpec>;
}

/**
 * Checks the `faults` option and returns its injector. `supported` says which fault kinds the
 * server can play (default: every one, as the OpenAI server does) and its default `kinds`.
 *
 * @throws InvalidArgumentError when `rate` is not from 0 to 1, `kinds` is empty or holds an unknown
 * or unsupported fault kind or a status that is not an HTTP error (400 to 599), `seed` is not an
 * integer, or `maxPerRequest` is not a whole number.
 */
export function createFaultInjector(
  options: FaultInjectionOptions,
  supported: SupportedFaults = { kinds: faultKinds, defaults: defaultFaultSpecs },
): FaultInjector {
  const { rate, kinds = supported.defaults, seed = defaultSeed, maxPerRequest } = options;
  const problem = optionsProblem(rate, kinds, seed, maxPerRequest, supported.kinds);
  if (problem != null) throw new InvalidArgumentError({ argument: 'faults', message: problem });
  const random = seededRandom(seed);
  const faultCounts: Record<string, number> = Object.fromEntries(kinds.map((spec) => [faultLabel(spec), 0]));
  /** Faults in a row per request body hash; only kept with `maxPerRequest`. */
  const faultsInARow = new Map<string, number>();
  let faultsInjected = 0;

  return {
    draw(rawBody) {
      const faulted = random() < rate;
      const spec = kinds[Math.floor(random() * kinds.length)];
      const key = maxPerRequest == null ? undefined : hashOf(rawBody);
      const inARow = key == null ? 0 : (faultsInARow.get(key) ?? 0);
      if (!faulted || spec == null || (maxPerRequest != null && inARow >= maxPerRequest)) {
        if (key != null) faultsInARow.delete(key);
        return undefined;
      }
      if (key != null) faultsInARow.set(key, inARow + 1);
      faultsInjected++;
      const label = faultLabel(spec);
      faultCounts[label] = (faultCounts[label] ?? 0) + 1;
      return spec;
    },
    get faultsInjected() {
      return faultsInjected;
    },
    get faultCounts() {
      return { ...faultCounts };
    },
  };
}

/** The key of a fault in `faultCounts`: the fault kind, or the HTTP status as text (e.g. `'429'`). */
export function faultLabel(spec: FaultSpec): string {
  return typeof spec === 'string' ? spec : String(spec.status);
}

/** The error answer of a status fault, its message defaulting to one in the style of the OpenAI API. */
export function statusFaultAnswer(fault: StatusFault): ErrorAnswer {
  const message = fault.message ?? defaultStatusMessages[fault.status] ?? `HTTP ${fault.status}: injected fault.`;
  return { ...fault, message };
}

// --- Internal helpers ---

/** Messages of status faults that leave theirs out, worded like the OpenAI API's. */
const defaultStatusMessages: Readonly<Record<number, string>> = {
  429: 'Rate limit reached for requests. Please try again later.',
  500: 'The server had an error while processing your request. Sorry about that!',
  502: 'Bad gateway.',
  503: 'The server is overloaded or not ready yet.',
  504: 'Gateway timeout.',
};

function optionsProblem(
  rate: number,
  kinds: ReadonlyArray<FaultSpec>,
  seed: number,
  maxPerRequest: number | undefined,
  supportedKinds: ReadonlyArray<FaultKind>,
): string | undefined {
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
    return `faults.rate must be a probability from 0 to 1 (e.g. 0.1); got ${JSON.stringify(rate)}.`;
  }
  if (!Array.isArray(kinds) || kinds.length === 0) {
    return 'faults.kinds must list at least one fault kind or status fault; leave it out for every kind.';
  }
  for (const [index, spec] of kinds.entries()) {
    const valid =
      typeof spec === 'string' ? (supportedKinds as ReadonlyArray<string>).includes(spec) : isErrorStatus(spec?.status);
    if (!valid) {
      return (
        `faults.kinds[${index}] must be one of ${supportedKinds.join(', ')}, or a status fault such as ` +
        `{ status: 503 } with a status from 400 to 599; got ${JSON.stringify(spec)}.`
      );
    }
  }
  if (!Number.isInteger(seed)) return `faults.seed must be an integer; got ${JSON.stringify(seed)}.`;
  if (maxPerRequest != null && !(Number.isInteger(maxPerRequest) && maxPerRequest >= 0)) {
    return `faults.maxPerRequest must be a whole number (0 or more); got ${JSON.stringify(maxPerRequest)}.`;
  }
  return undefined;
}

function isErrorStatus(status: unknown): boolean {
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599;
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}
