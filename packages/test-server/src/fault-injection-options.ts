import type { ErrorAnswer } from './answer-rule';
import { type FaultKind, faultKinds } from './fault-kind';
import { gatewayErrorPage } from './internal/gateway-error-page';

/**
 * An HTTP error status to inject, like an {@link ErrorAnswer} whose message may be left out, e.g.
 * `{ status: 429, headers: { 'retry-after-ms': '20' } }` or `{ status: 503 }`.
 */
export interface StatusFault extends Omit<ErrorAnswer, 'message'> {
  /**
   * The error message, sent as `error.message`. Default: a message in the style of the OpenAI API
   * for the status (e.g. "Rate limit reached..." for 429, "The server is overloaded..." for 503),
   * or of the Anthropic API on the Anthropic server ("Overloaded" for 529).
   */
  readonly message?: string;
}

/** One fault the server can inject at random: a {@link FaultKind} or an HTTP error {@link StatusFault}. */
export type FaultSpec = FaultKind | StatusFault;

/**
 * The `faults` option of the test server: answers a share of the completion and embedding
 * requests with faults drawn at random (but repeatably, from a seed), to test that clients retry,
 * time out and validate answers the way they must against real endpoints.
 */
export interface FaultInjectionOptions {
  /**
   * The probability, from 0 to 1, that a completion or embedding request gets a fault, e.g. `0.2`
   * for one in five. Faults are drawn before the rules are asked (a faulted request does not use up a rule's
   * `times`); `GET /v1/models`, unknown paths and invalid request bodies are never faulted, and
   * requests the `rateLimit` option rejects are not drawn for.
   */
  readonly rate: number;
  /**
   * The faults to choose from, uniformly; list one several times to make it more likely. Default:
   * {@link defaultFaultSpecs}, every fault kind (`stall` included, so clients need a timeout) and
   * the usual HTTP errors.
   */
  readonly kinds?: ReadonlyArray<FaultSpec>;
  /**
   * Seed of the random draws (an integer). Requests draw in arrival order, so sequential requests
   * get the same faults on every run with the same seed. Default: 1.
   */
  readonly seed?: number;
  /**
   * The most faults the same logical request (an identical JSON body, as SDK retries send) gets in
   * a row; the next identical request is then answered normally, and the count starts over. A
   * client that retries at least this many times therefore ends with exactly the results of a run
   * without faults. Default: no limit.
   */
  readonly maxPerRequest?: number;
}

/**
 * The default `kinds` of {@link FaultInjectionOptions}: every {@link FaultKind}, then 429 with
 * `retry-after-ms: 20`, 429 with `retry-after: 0` (seconds), 429 without any retry header (clients
 * fall back to their own backoff), 500, 502 with a gateway's HTML page as its body, and 503.
 */
export const defaultFaultSpecs: ReadonlyArray<FaultSpec> = [
  ...faultKinds,
  { status: 429, type: 'requests', code: 'rate_limit_exceeded', headers: { 'retry-after-ms': '20' } },
  { status: 429, type: 'requests', code: 'rate_limit_exceeded', headers: { 'retry-after': '0' } },
  { status: 429, type: 'requests', code: 'rate_limit_exceeded' },
  { status: 500 },
  { status: 502, body: gatewayErrorPage(502) },
  { status: 503 },
];
