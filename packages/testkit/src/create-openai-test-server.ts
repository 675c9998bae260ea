import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvalidArgumentError } from '@synthkit/core';
import type { AnswerRequest, AnswerRule, ErrorAnswer } from './answer-rule';
import { type DecodedRequest, type DecodeResult, decodeRequest } from './internal/decode-request';
import {
  type AnsweredChoice,
  chatCompletionBody,
  chatCompletionChunks,
  type CompletionEnvelope,
  errorBody,
  textCompletionBody,
  textCompletionChunks,
  truncateToWords,
  usageOf,
} from './internal/openai-wire-format';
import type { RecordedRequest } from './recorded-request';

/** Options of {@link createOpenAITestServer}. Every field is optional. */
export interface OpenAITestServerOptions {
  /**
   * Decide the answers. Tried in order for each choice; the first rule that returns a string (or an
   * error answer) answers. When none does, the request fails with HTTP 400 `no_rule_matched`.
   * Default: no rules, so every completion request fails that way.
   */
  readonly rules?: ReadonlyArray<AnswerRule>;
  /**
   * Delay before answering each request, in milliseconds: a fixed value, or a range from which each
   * request draws uniformly. Lets tests keep requests in flight (concurrency, timeouts, aborts).
   * Default: 0.
   */
  readonly latencyMs?: number | { readonly min: number; readonly max: number };
  /**
   * Extra headers sent with every response, e.g. `{ 'x-ratelimit-remaining-requests': '99' }`.
   * Default: none.
   */
  readonly headers?: Readonly<Record<string, string>>;
  /** Model ids listed by `GET /v1/models`. Any model id is answered regardless. Default: `['testkit-model']`. */
  readonly models?: ReadonlyArray<string>;
}

/** A running test server. Close it when the test ends (`afterEach(() => server.close())`). */
export interface OpenAITestServer {
  /** Root URL, `http://127.0.0.1:<port>`, on a random free port. */
  readonly url: string;
  /** `url` + `/v1`: what to pass as an OpenAI client's `baseURL` (or set as `OPENAI_BASE_URL`). */
  readonly baseURL: string;
  /** Every request received so far, in arrival order, including failed ones. */
  readonly requests: ReadonlyArray<RecordedRequest>;
  /** Requests received and not yet fully answered, right now. */
  readonly inFlight: number;
  /** The highest `inFlight` seen since the server started: the concurrency clients really used. */
  readonly maxInFlight: number;
  /** Stops listening and closes every open connection, keep-alive ones included. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts a loopback HTTP server that speaks the OpenAI wire format, answering from the rules the
 * test supplies. It serves `POST /v1/chat/completions` and `POST /v1/completions` (plain JSON, or
 * server-sent events with `stream: true`, honouring `n`, `max_tokens` and
 * `stream_options.include_usage`) and `GET /v1/models`.
 *
 * Token counts in `usage` are whitespace-separated words, and `max_tokens` cuts answers to that many
 * words (with `finish_reason: "length"`). Errors use the OpenAI error body, so SDKs raise their
 * usual error classes: 400 for a bad body or when no rule matched (400 so SDKs do not retry), 404
 * for an unknown path, 500 when a rule throws.
 *
 * ```ts
 * const server = await createOpenAITestServer({ rules: [textRule({ match: /hello/i, answer: 'Hi!' })] });
 * const client = new OpenAI({ apiKey: 'test', baseURL: server.baseURL });
 * ```
 *
 * @throws InvalidArgumentError when `latencyMs` is negative or its range is empty.
 */
export async function createOpenAITestServer(options: OpenAITestServerOptions = {}): Promise<OpenAITestServer> {
  const rules = [...(options.rules ?? [])];
  const extraHeaders = { ...options.headers };
  const models = options.models ?? ['testkit-model'];
  const drawLatency = latencyDrawer(options.latencyMs ?? 0);
  const requests: RecordedRequest[] = [];
  const closing = new AbortController();
  // Every delayed answer listens to this signal; load tests keep thousands waiting at once.
  setMaxListeners(0, closing.signal);
  let inFlight = 0;
  let maxInFlight = 0;
  let requestCount = 0;

  const server = createServer((request, response) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.once('close', () => inFlight--);
    handleRequest(request, response).catch((error: unknown) => {
      // Only reachable if writing the response itself failed; the socket is gone or going.
      if (!response.headersSent && !response.destroyed) {
        sendJson(response, 500, extraHeaders, errorBody(messageOf(error), 'server_error', 'testkit_failure'));
      } else {
        response.destroy();
      }
    });
  });

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawBody = await readBody(request);
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const headers = flattenHeaders(request.headers);
    const body = parseJson(rawBody);
    const route = routeOf(method, path);
    const decoded =
      (route === 'chat' || route === 'completion') && isObject(body) ? decodeRequest(route, body) : undefined;
    requests.push({
      method,
      path,
      headers,
      body,
      prompt: decoded != null && 'decoded' in decoded ? decoded.decoded.prompt : undefined,
    });
    requestCount++;

    const reply = replyTo({ method, path, route, body, decoded, headers, requestNumber: requestCount }, rules, models);
    const stillOpen = await delay(drawLatency(), response, closing.signal);
    if (!stillOpen) return;
    const replyHeaders = { ...extraHeaders, 'x-request-id': `req_testkit_${requestCount}`, ...reply.headers };
    if (reply.chunks != null) sendEvents(response, replyHeaders, reply.chunks);
    else sendJson(response, reply.status, replyHeaders, reply.body);
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
    baseURL: `${url}/v1`,
    get requests() {
      return requests;
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
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

// --- Internal helpers ---

/** A response to send: a JSON body, or (for streams) the chunks of a server-sent event stream. */
interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly chunks?: ReadonlyArray<unknown>;
  readonly headers?: Readonly<Record<string, string>>;
}

/** How much of the prompt a "no rule matched" message quotes, in characters. */
const promptQuoteLength = 160;

/** A received request, as far as routing and decoding got. */
interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly route: 'chat' | 'completion' | 'models' | undefined;
  readonly body: unknown;
  readonly decoded: DecodeResult | undefined;
  readonly headers: Record<string, string>;
  /** 1 for the first request the server received; makes response ids unique. */
  readonly requestNumber: number;
}

function replyTo(received: ReceivedRequest, rules: ReadonlyArray<AnswerRule>, models: ReadonlyArray<string>): Reply {
  const { method, path, route, body, decoded } = received;
  if (route === undefined) {
    return errorReply(
      404,
      `Unknown request URL: ${method} ${path}. The test server serves POST /v1/chat/completions, ` +
        'POST /v1/completions and GET /v1/models.',
      'invalid_request_error',
      'unknown_url',
    );
  }
  if (route === 'models') {
    const data = models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'synthkit-testkit' }));
    return { status: 200, body: { object: 'list', data } };
  }
  if (!isObject(body)) {
    const message = 'We could not parse the JSON body of your request: expected a JSON object.';
    return errorReply(400, message, 'invalid_request_error', 'invalid_json');
  }
  if (decoded == null || 'problem' in decoded) {
    return errorReply(400, decoded?.problem ?? 'Invalid request.', 'invalid_request_error', 'invalid_value');
  }
  const id = `${route === 'chat' ? 'chatcmpl' : 'cmpl'}-testkit-${received.requestNumber}`;
  return answerCompletion(decoded.decoded, body, received.headers, id, rules);
}

/** Asks the rules for every choice, then builds the body (or stream chunks) of the answer. */
function answerCompletion(
  decoded: DecodedRequest,
  body: Record<string, unknown>,
  headers: Record<string, string>,
  id: string,
  rules: ReadonlyArray<AnswerRule>,
): Reply {
  const choices: AnsweredChoice[] = [];
  for (let choiceIndex = 0; choiceIndex < decoded.choiceCount; choiceIndex++) {
    const answerRequest: AnswerRequest = {
      kind: decoded.kind,
      model: decoded.model,
      messages: decoded.messages,
      prompt: decoded.prompt,
      choiceIndex,
      body,
      headers,
    };
    let result: string | ErrorAnswer | undefined;
    try {
      result = firstAnswer(rules, answerRequest);
    } catch (error) {
      return errorReply(500, `An answer rule threw: ${messageOf(error)}`, 'server_error', 'rule_threw');
    }
    if (result == null) {
      const message =
        `No answer rule matched the ${decoded.kind} request for model "${decoded.model}" ` +
        `(choice ${choiceIndex}). Prompt starts: ${JSON.stringify(promptStart(decoded.prompt))}`;
      return errorReply(400, message, 'invalid_request_error', 'no_rule_matched');
    }
    if (typeof result !== 'string') {
      const type = result.type ?? (result.status >= 500 ? 'server_error' : 'invalid_request_error');
      return errorReply(result.status, result.message, type, result.code ?? null, result.headers);
    }
    choices.push(truncateToWords(result, decoded.maxTokens));
  }
  const envelope: CompletionEnvelope = {
    id,
    created: Math.floor(Date.now() / 1000),
    model: decoded.model,
    choices,
    usage: usageOf(decoded.promptTexts, choices),
  };
  if (decoded.stream) {
    const chunks =
      decoded.kind === 'chat'
        ? chatCompletionChunks(envelope, decoded.includeUsage)
        : textCompletionChunks(envelope, decoded.includeUsage);
    return { status: 200, chunks };
  }
  return { status: 200, body: decoded.kind === 'chat' ? chatCompletionBody(envelope) : textCompletionBody(envelope) };
}

function routeOf(method: string, path: string): 'chat' | 'completion' | 'models' | undefined {
  if (method === 'POST' && path === '/v1/chat/completions') return 'chat';
  if (method === 'POST' && path === '/v1/completions') return 'completion';
  if (method === 'GET' && path === '/v1/models') return 'models';
  return undefined;
}

function firstAnswer(rules: ReadonlyArray<AnswerRule>, request: AnswerRequest): string | ErrorAnswer | undefined {
  for (const rule of rules) {
    const result = rule(request);
    if (result != null) return result;
  }
  return undefined;
}

function errorReply(
  status: number,
  message: string,
  type: string,
  code: string | null,
  headers?: Readonly<Record<string, string>>,
): Reply {
  return { status, body: errorBody(message, type, code), ...(headers == null ? {} : { headers }) };
}

function promptStart(prompt: string): string {
  return prompt.length <= promptQuoteLength ? prompt : `${prompt.slice(0, promptQuoteLength)}…`;
}

function latencyDrawer(latency: number | { readonly min: number; readonly max: number }): () => number {
  const { min, max } = typeof latency === 'number' ? { min: latency, max: latency } : latency;
  if (!Number.isFinite(min) || !Number.isFinite(max) || min < 0 || max < min) {
    throw new InvalidArgumentError({
      argument: 'latencyMs',
      message:
        'latencyMs must be a non-negative number of milliseconds or a range { min, max } with ' +
        `0 <= min <= max; got ${JSON.stringify(latency)}.`,
    });
  }
  return () => min + Math.random() * (max - min);
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

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
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

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value != null && !Array.isArray(value);
}

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value != null) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function sendJson(response: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  response.writeHead(status, { ...headers, 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function sendEvents(response: ServerResponse, headers: Record<string, string>, chunks: ReadonlyArray<unknown>): void {
  response.writeHead(200, { ...headers, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const chunk of chunks) response.write(`data: ${JSON.stringify(chunk)}\n\n`);
  response.end('data: [DONE]\n\n');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
