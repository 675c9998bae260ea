import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvalidArgumentError } from '@synthkit/core';
import type { FaultSpec } from '../fault-injection-options';
import type { LatencyOption } from '../latency-option';
import type { RecordedRequest } from '../recorded-request';
import type { FaultInjector } from './fault-injector';
import { latencySampler } from '../latency-sampler';
import type { RateLimitBudgetState, RateLimiter, RateLimitRejection, RequestCost } from './rate-limiter';
import { createSlotQueue } from './slot-queue';

/** What the shared machinery reads of a reply; the rest is the wire format's business. */
export interface LoopbackReply {
  /** Headers of this reply only, e.g. a rule's `retry-after`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The words of the answer, charged to the token budget when the request did not bound them. */
  readonly completionTokens?: number;
}

/** One HTTP request as it arrived. */
export interface IncomingCall {
  /** Upper-case, e.g. `POST`. */
  readonly method: string;
  /** Without the query string. */
  readonly path: string;
  /** Lower-case names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as sent, as UTF-8 text, for the fault injector (identical bodies are one logical request). */
  readonly rawBody: string;
  /** The body as sent, as bytes (a multipart upload is not text). */
  readonly bodyBytes: Buffer;
  /** The body parsed as JSON; `undefined` when empty or not JSON. */
  readonly body: unknown;
  /** 1 for the first request the server received; makes response ids unique. */
  readonly requestNumber: number;
}

/**
 * What a wire format makes of one request. Nothing is decided when it is received: the rules are
 * asked in `answer()`, after the rate limit and the random faults, so a refused or faulted request
 * does not use up a rule's `times`.
 */
export interface Exchange<Reply extends LoopbackReply> {
  /** The prompt rules see, recorded in `requests`; `undefined` for requests that have none. */
  readonly prompt: string | undefined;
  /**
   * Set for a valid completion request, the only kind the rate limit and the random faults apply
   * to: what it costs the token budgets on arrival, and whether the words of its answer are added
   * once known (when it did not bound them with `max_tokens`).
   */
  readonly completion?: { readonly cost: RequestCost; readonly chargeAnswer: boolean };
  /** The normal reply: from the rules for a completion request, else routing's (404, 400, model list). */
  answer(): Reply;
  /** The reply of a fault the `faults` option drew for this completion request. */
  inject(fault: FaultSpec): Reply;
}

/** A wire format (OpenAI's, Anthropic's) as the shared machinery uses it. */
export interface LoopbackProtocol<Reply extends LoopbackReply> {
  /**
   * The reply to a request served apart from the model endpoints (OpenAI's Files and Batches
   * endpoints, Anthropic's Message Batches endpoints): answered at once, without the rate limit, the random faults, a `capacity`
   * slot or latency, and recorded without a prompt. `undefined` for every other request, which
   * goes to `receive`. Default: none.
   */
  answerAtOnce?(call: IncomingCall): Promise<Reply> | undefined;
  receive(call: IncomingCall): Exchange<Reply>;
  /** The headers naming a response, e.g. `{ 'x-request-id': 'req_testkit_3' }`. */
  requestIdHeaders(requestNumber: number): Record<string, string>;
  /** The rate-limit headers of an admitted completion request. */
  rateLimitHeaders(budgets: ReadonlyArray<RateLimitBudgetState>): Record<string, string>;
  /** The 429 of a request the rate limit refused. */
  rateLimited(rejection: RateLimitRejection): Reply;
  /** The 500 sent when the server itself failed. */
  failed(message: string): Reply;
  send(response: ServerResponse, reply: Reply, headers: Record<string, string>): void;
}

/** How the shared machinery serves: the options every test server has, already checked where they are objects. */
export interface LoopbackServerSettings {
  readonly latencyMs?: LatencyOption;
  readonly capacity?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly faultInjector?: FaultInjector;
  readonly rateLimiter?: RateLimiter;
  /** The URL clients take as their base URL, from the server's root URL. */
  readonly baseURLOf: (url: string) => string;
}

/** A running loopback server: what every test server offers (see `OpenAITestServer` for each member). */
export interface LoopbackServer {
  readonly url: string;
  readonly baseURL: string;
  readonly requests: ReadonlyArray<RecordedRequest>;
  readonly inFlight: number;
  readonly maxInFlight: number;
  readonly processing: number;
  readonly maxProcessing: number;
  readonly queued: number;
  readonly faultsInjected: number;
  readonly faultCounts: Readonly<Record<string, number>>;
  readonly rateLimited: number;
  close(): Promise<void>;
}

/**
 * Starts a loopback HTTP server on 127.0.0.1 (a random free port) that speaks `protocol`, with
 * what every test server shares: request recording, in-flight counts, the rate limit, the random
 * faults, `capacity` slots and latency. A completion request goes through them in this order: the
 * rate limit (a refused request is answered at once), the random faults, the rules (both decided on
 * arrival, in arrival order), a `capacity` slot, the latency, then the answer.
 *
 * @throws InvalidArgumentError when `latencyMs` or `capacity` is invalid.
 */
export async function startLoopbackServer<Reply extends LoopbackReply>(
  settings: LoopbackServerSettings,
  protocol: LoopbackProtocol<Reply>,
): Promise<LoopbackServer> {
  const extraHeaders = { ...settings.headers };
  const drawLatency = latencySampler(settings.latencyMs ?? 0);
  const slots = createSlotQueue(checkedCapacity(settings.capacity));
  const { faultInjector, rateLimiter } = settings;
  const requests: RecordedRequest[] = [];
  const closing = new AbortController();
  // Every delayed answer listens to this signal; load tests keep thousands waiting at once.
  setMaxListeners(0, closing.signal);
  let inFlight = 0;
  let maxInFlight = 0;
  let requestCount = 0;
  let rateLimited = 0;

  const server = createServer((request, response) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.once('close', () => inFlight--);
    handleRequest(request, response).catch((error: unknown) => {
      // Only reachable if writing the response itself failed; the socket is gone or going.
      if (!response.headersSent && !response.destroyed) {
        protocol.send(response, protocol.failed(messageOf(error)), extraHeaders);
      } else {
        response.destroy();
      }
    });
  });

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const bodyBytes = await readBody(request);
    const rawBody = bodyBytes.toString('utf8');
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const headers = flattenHeaders(request.headers);
    const body = parseJson(rawBody);
    requestCount++;
    const call: IncomingCall = { method, path, headers, rawBody, bodyBytes, body, requestNumber: requestCount };
    const replyHeaders = { ...extraHeaders, ...protocol.requestIdHeaders(requestCount) };
    const receivedAtMs = performance.now();
    const atOnce = protocol.answerAtOnce?.(call);
    // Filled in once the answer is written (`answeredAtMs`); the list keeps the same object.
    const recorded: { -readonly [Key in keyof RecordedRequest]: RecordedRequest[Key] } = { method, path, headers, body, prompt: undefined, receivedAtMs };
    response.once('finish', () => {
      recorded.answeredAtMs = performance.now();
    });
    if (atOnce != null) {
      requests.push(recorded);
      const reply = await atOnce;
      protocol.send(response, reply, { ...replyHeaders, ...reply.headers });
      return;
    }
    const exchange = protocol.receive(call);
    recorded.prompt = exchange.prompt;
    requests.push(recorded);
    const { completion } = exchange;

    const admission = completion == null ? undefined : rateLimiter?.admit(completion.cost);
    if (admission?.admitted === false) {
      rateLimited++;
      const rejection = protocol.rateLimited(admission);
      protocol.send(response, rejection, { ...replyHeaders, ...rejection.headers });
      return;
    }
    const injected = completion == null ? undefined : faultInjector?.draw(rawBody);
    const reply = injected != null ? exchange.inject(injected) : exchange.answer();
    if (admission?.admitted === true) {
      // Without max_tokens, the answer's words count against the budget once they are known.
      if (completion?.chargeAnswer === true) admission.charge(reply.completionTokens ?? 0);
      Object.assign(replyHeaders, protocol.rateLimitHeaders(admission.budgets()));
    }

    if (!(await slots.acquire(response, closing.signal))) return;
    const stillOpen = await delay(drawLatency(recorded), response, closing.signal);
    if (!stillOpen) return;
    protocol.send(response, reply, { ...replyHeaders, ...reply.headers });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  let closed: Promise<void> | undefined;

  return {
    url,
    baseURL: settings.baseURLOf(url),
    get requests() {
      return requests;
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get processing() {
      return slots.processing;
    },
    get maxProcessing() {
      return slots.maxProcessing;
    },
    get queued() {
      return slots.queued;
    },
    get faultsInjected() {
      return faultInjector?.faultsInjected ?? 0;
    },
    get faultCounts() {
      return faultInjector?.faultCounts ?? {};
    },
    get rateLimited() {
      return rateLimited;
    },
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error == null ? resolve() : reject(error)));
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whether `value` is a JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value != null && !Array.isArray(value);
}

// --- Internal helpers ---

function checkedCapacity(capacity: number | undefined): number | undefined {
  if (capacity != null && !(Number.isInteger(capacity) && capacity >= 1)) {
    throw new InvalidArgumentError({
      argument: 'capacity',
      message: `capacity must be a whole number of requests, at least 1; got ${JSON.stringify(capacity)}.`,
    });
  }
  return capacity;
}

/**
 * Waits `milliseconds`, unless the client goes away or the server closes first. Resolves to whether
 * the response can still be written.
 */
function delay(milliseconds: number, response: ServerResponse, closing: AbortSignal): Promise<boolean> {
  if (milliseconds <= 0) return Promise.resolve(!response.destroyed && !closing.aborted);
  return new Promise((resolve) => {
    const stop = () => {
      clearTimeout(timer);
      response.off('close', stop);
      closing.removeEventListener('abort', stop);
      resolve(false);
    };
    const timer = setTimeout(() => {
      response.off('close', stop);
      closing.removeEventListener('abort', stop);
      resolve(!response.destroyed);
    }, milliseconds);
    response.once('close', stop);
    closing.addEventListener('abort', stop, { once: true });
  });
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => resolve(Buffer.concat(parts)));
    request.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value != null) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
