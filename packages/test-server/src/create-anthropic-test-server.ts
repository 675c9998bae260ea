import type { ServerResponse } from 'node:http';
import { anthropicFaultKinds, defaultAnthropicFaultSpecs } from './anthropic-fault-kinds';
import type { AnthropicRateLimitOptions } from './anthropic-rate-limit-options';
import type { AnswerRequest, AnswerRule, ErrorAnswer, RuleAnswer } from './answer-rule';
import type { BatchOptions } from './batch-options';
import type { OpenAITestServer, OpenAITestServerOptions } from './create-openai-test-server';
import type { FaultInjectionOptions, FaultSpec } from './fault-injection-options';
import type { FaultKind } from './fault-kind';
import { type BatchProblem, createAnthropicBatches } from './internal/anthropic-batches';
import { anthropicRateLimitHeaders, anthropicRateLimitRejection } from './internal/anthropic-rate-limit';
import {
  type AnswerBlock,
  type AnthropicEvent,
  anthropicErrorBody,
  anthropicErrorType,
  eventText,
  messageBody,
  messageEvents,
  type StopReason,
} from './internal/anthropic-wire-format';
import type { BatchAnswer } from './internal/batch-jobs';
import { type DecodedMessagesRequest, decodeMessagesRequest } from './internal/decode-anthropic-request';
import { createFaultInjector } from './internal/fault-injector';
import { firstAnswer, promptStart } from './internal/first-answer';
import { countWords, truncateToWords } from './internal/openai-wire-format';
import { createRateLimiter } from './internal/rate-limiter';
import { sendJson, sendText, startEvents } from './internal/send-response';
import {
  type IncomingCall,
  isObject,
  type LoopbackProtocol,
  messageOf,
  startLoopbackServer,
} from './internal/start-loopback-server';
import { type AnthropicFaultTarget, writeAnthropicFault } from './internal/write-anthropic-fault';

/**
 * Options of {@link createAnthropicTestServer}. Every field is optional; `rules`, `latencyMs`,
 * `capacity` and `headers` work as in the OpenAI server (the same rules answer both).
 */
export interface AnthropicTestServerOptions
  extends Pick<OpenAITestServerOptions, 'rules' | 'latencyMs' | 'capacity' | 'headers'> {
  /**
   * The API key clients must send, as `x-api-key` (the API's own header, which curl and older SDKs
   * use) or as `Authorization: Bearer <key>` (what `@anthropic-ai/sdk` 1.x sends for an API key).
   * Any other request, or one without a key, gets HTTP 401 `authentication_error`. Default: any
   * key, or none, is accepted.
   */
  readonly apiKey?: string;
  /**
   * Answers a share of the messages requests with faults drawn at random from a seed (see
   * `FaultInjectionOptions`). Its fault kinds are limited to {@link anthropicFaultKinds}; its
   * default `kinds` are {@link defaultAnthropicFaultSpecs} (429, 500, an HTML 502 and 529 besides
   * the fault kinds). Default: no faults.
   */
  readonly faults?: FaultInjectionOptions;
  /**
   * Simulates Anthropic's requests, input tokens and output tokens per minute limits: 429
   * `rate_limit_error` with `retry-after` over budget, and `anthropic-ratelimit-*` headers on every
   * messages response (see `AnthropicRateLimitOptions`). Default: no limit.
   */
  readonly rateLimit?: AnthropicRateLimitOptions;
  /** Model ids listed by `GET /v1/models`. Any model id is answered regardless. Default: `['testkit-model']`. */
  readonly models?: ReadonlyArray<string>;
  /**
   * How the Message Batches API runs batches: how long until a batch ends, how long a cancel takes,
   * which requests expire and which submissions are refused (see `BatchOptions`, shared with the
   * OpenAI server's Batch API). The Message Batches endpoints are always served. Default: batches
   * end at once, nothing expires, nothing is refused.
   */
  readonly batches?: BatchOptions;
}

/** A running Anthropic test server. Close it when the test ends (`afterEach(() => server.close())`). */
export interface AnthropicTestServer extends Omit<OpenAITestServer, 'baseURL' | 'batchesCreated'> {
  /**
   * What to pass as an Anthropic client's `baseURL` (or set as `ANTHROPIC_BASE_URL`): the root URL
   * `http://127.0.0.1:<port>`, since the SDK adds `/v1/messages` itself.
   */
  readonly baseURL: string;
  /** Message Batches created so far with `POST /v1/messages/batches` (refused submissions not counted). */
  readonly batchesCreated: number;
}

/**
 * Starts a loopback HTTP server that speaks Anthropic's Messages API, answering from the rules the
 * test supplies, so that `@anthropic-ai/sdk` and the Anthropic provider can be tested for real. It
 * serves `POST /v1/messages` (a `message` object, or with `stream: true` server-sent events in the
 * API's order: `message_start`, `content_block_start`, `ping`, `content_block_delta`s,
 * `content_block_stop`, `message_delta`, `message_stop`) and `GET /v1/models`, each with a
 * `request-id` header. Every request needs an `anthropic-version` header (400 without, as the API).
 *
 * Rules see a messages request as a `chat` request: `messages` starts with the `system` prompt as
 * a `system` message, and `prompt` is the last user message; the same rules can therefore answer
 * the OpenAI and the Anthropic server alike. `max_tokens` (required, as by the API) cuts answers to
 * that many words with `stop_reason: "max_tokens"`; `stop_sequences` end an answer before the first
 * one it contains (`stop_reason: "stop_sequence"`, `stop_sequence` set). A request whose
 * `tool_choice` forces a tool (`{ type: 'tool', name }`, or `{ type: 'any' }` for the first tool) is
 * answered with one `tool_use` block whose `input` is the rule's answer parsed as a JSON object
 * (`stop_reason: "tool_use"`; streamed as `input_json_delta`s), so tests can check structured
 * output; a rule answer that is not a JSON object is then a 500.
 *
 * Usage counts words: `input_tokens` over the system prompt and the messages, `output_tokens` over
 * the answer text (or the tool input's JSON); prompt caching is not simulated (its counts are 0).
 * Errors use Anthropic's body `{ type: 'error', error: { type, message } }` with the API's types:
 * 400 `invalid_request_error` for a bad body or when no rule matched (400, so SDKs do not retry),
 * 401 `authentication_error` for a wrong key, 404 `not_found_error` for an unknown path, 500
 * `api_error` when a rule throws; an `ErrorAnswer` without `type` gets the type of its status
 * (429 `rate_limit_error`, 529 `overloaded_error`, ...).
 *
 * Latency, `capacity`, random `faults` and `rateLimit` work as in `createOpenAITestServer`, in the
 * same order: the rate limit, the random faults, the rules, a `capacity` slot, the latency.
 *
 * The Message Batches API is served too, on the job lifecycle the OpenAI server's Batch API uses:
 * `POST /v1/messages/batches` (`{ requests: [{ custom_id, params }] }`, at most 100 000, custom ids
 * unique and matching `^[a-zA-Z0-9_-]{1,64}$`, each `params` checked as `POST /v1/messages` checks a
 * body, `stream` refused) answers a `message_batch` object (`msgbatch_testkit_<n>`,
 * `processing_status` `in_progress`, `canceling` or `ended`, `request_counts`, RFC 3339 times,
 * `results_url` once ended); `GET /v1/messages/batches/{id}` polls it; `POST
 * /v1/messages/batches/{id}/cancel` cancels it; `GET /v1/messages/batches/{id}/results` answers its
 * JSONL results once it ended (404 `not_found_error` before): per request `succeeded` with the whole
 * message, `errored` with the error body an online request would get (an `errorRule`'s status gives
 * the error type: `rate_limit_error`, `overloaded_error`, `invalid_request_error`...), `canceled` or
 * `expired`. A batch ends `batches.completionDelayMs` after its creation, at the first look;
 * `batches.expire` picks requests that expire, `batches.refuse` refuses submissions (e.g. a 429).
 * Rate limits, faults, capacity and latency apply to online requests only; batch calls are recorded
 * in `requests`, and `batchesCreated` counts batches.
 *
 * ```ts
 * const server = await createAnthropicTestServer({ rules: [textRule({ match: /hello/i, answer: 'Hi!' })] });
 * const client = new Anthropic({ apiKey: 'test', baseURL: server.baseURL });
 * ```
 *
 * @throws InvalidArgumentError when `latencyMs` is negative, its range is empty or its lognormal
 * distribution is invalid, when `capacity` is not a whole number of at least 1, or when `faults`
 * (including a fault kind the Anthropic format has no use for) or `rateLimit` is invalid (the
 * message names the field).
 */
export async function createAnthropicTestServer(options: AnthropicTestServerOptions = {}): Promise<AnthropicTestServer> {
  const supportedFaults = { kinds: anthropicFaultKinds, defaults: defaultAnthropicFaultSpecs };
  const rules = [...(options.rules ?? [])];
  const batches = createAnthropicBatches(options.batches ?? {}, (params, messageId) => answerBatchRequest(params, messageId, rules));
  const server = await startLoopbackServer(
    {
      ...options,
      faultInjector: options.faults == null ? undefined : createFaultInjector(options.faults, supportedFaults),
      rateLimiter: options.rateLimit == null ? undefined : createRateLimiter(options.rateLimit, true),
      baseURLOf: (url) => url,
    },
    anthropicProtocol(rules, options.models ?? ['testkit-model'], options.apiKey, batches),
  );
  // The one counter the shared server does not have, added to its getters (as the OpenAI server does).
  const batchesCreated = { get: () => batches.batchCount, enumerable: true };
  return Object.defineProperty(server, 'batchesCreated', batchesCreated) as AnthropicTestServer;
}

// --- Internal helpers ---

/**
 * A response to send: a JSON body, the events of a stream, a raw text body (an HTML error page),
 * or a fault. `completionTokens` is the words of the answer.
 */
type Reply = (
  | { readonly status: number; readonly body: unknown }
  | { readonly events: ReadonlyArray<AnthropicEvent> }
  | { readonly status: number; readonly text: string; readonly contentType: string }
  | { readonly fault: FaultKind; readonly target: AnthropicFaultTarget }
) & {
  readonly headers?: Readonly<Record<string, string>>;
  readonly completionTokens?: number;
};

/** The header every request must carry, as the API requires; any version is accepted. */
const versionHeader = 'anthropic-version';

/** The content type of an {@link ErrorAnswer} `body` that does not give one. */
const defaultErrorBodyContentType = 'text/html; charset=utf-8';

/** The Message Batches of one server. */
type Batches = ReturnType<typeof createAnthropicBatches>;

/** The Anthropic wire format, for the shared server machinery. */
function anthropicProtocol(
  rules: ReadonlyArray<AnswerRule>,
  models: ReadonlyArray<string>,
  apiKey: string | undefined,
  batches: Batches,
): LoopbackProtocol<Reply> {
  return {
    // The Message Batches endpoints: no rate limit, faults, capacity or latency (online requests only).
    answerAtOnce(call: IncomingCall) {
      const route = batchRouteOf(call.method, call.path);
      if (route == null) return undefined;
      return Promise.resolve(refusalOf(call, apiKey) ?? batchReply(route, call, batches));
    },
    receive(call: IncomingCall) {
      const route = routeOf(call.method, call.path);
      const refusal = route === undefined ? undefined : refusalOf(call, apiKey);
      const decoded =
        refusal == null && route === 'messages' && isObject(call.body) ? decodeMessagesRequest(call.body) : undefined;
      const request = decoded != null && 'decoded' in decoded ? decoded.decoded : undefined;
      const id = `msg_testkit_${call.requestNumber}`;
      const answer = (): Reply => {
        if (refusal != null) return refusal;
        if (route === undefined) {
          const message =
            `Unknown request URL: ${call.method} ${call.path}. The Anthropic test server serves ` +
            'POST /v1/messages, GET /v1/models and the Message Batches endpoints (POST /v1/messages/batches, ' +
            'GET /v1/messages/batches/{id}, GET /v1/messages/batches/{id}/results, POST /v1/messages/batches/{id}/cancel).';
          return errorReply(404, 'not_found_error', message);
        }
        if (route === 'models') return { status: 200, body: modelList(models) };
        if (!isObject(call.body)) {
          return errorReply(400, 'invalid_request_error', 'There was an issue with your request body: expected a JSON object.');
        }
        if (request == null) {
          const problem = decoded != null && 'problem' in decoded ? decoded.problem : 'Invalid request.';
          return errorReply(400, 'invalid_request_error', problem);
        }
        return answerMessage(request, { body: call.body as Record<string, unknown>, headers: call.headers }, id, rules);
      };
      return {
        prompt: request?.prompt,
        ...(request == null
          ? {}
          : {
              // max_tokens is required, so the output is bounded and charged on arrival.
              completion: {
                cost: { inputTokens: inputTokensOf(request), outputTokens: request.maxTokens },
                chargeAnswer: false,
              },
            }),
        answer,
        inject: (spec) => injectedReply(spec, faultTarget(request as DecodedMessagesRequest, id)),
      };
    },
    requestIdHeaders: (requestNumber) => ({ 'request-id': `req_testkit_${requestNumber}` }),
    rateLimitHeaders: (budgets) => anthropicRateLimitHeaders(budgets),
    rateLimited(rejection) {
      const { message, headers } = anthropicRateLimitRejection(rejection);
      return { status: 429, body: anthropicErrorBody('rate_limit_error', message), headers };
    },
    failed: (message) => errorReply(500, 'api_error', message),
    send: sendReply,
  };
}

/** Asks the rules for the answer, then builds the message body (or its events). */
function answerMessage(
  request: DecodedMessagesRequest,
  { body, headers }: { readonly body: Record<string, unknown>; readonly headers: Readonly<Record<string, string>> },
  id: string,
  rules: ReadonlyArray<AnswerRule>,
): Reply {
  const answerRequest: AnswerRequest = {
    kind: 'chat',
    model: request.model,
    messages: request.messages,
    prompt: request.prompt,
    choiceIndex: 0,
    body,
    headers,
  };
  let result: Exclude<RuleAnswer, null> | undefined;
  try {
    result = firstAnswer(rules, answerRequest);
  } catch (error) {
    return errorReply(500, 'api_error', `An answer rule threw: ${messageOf(error)}`);
  }
  if (result == null) {
    const message =
      `No answer rule matched the messages request for model "${request.model}". ` +
      `Prompt starts: ${JSON.stringify(promptStart(request.prompt))}`;
    return errorReply(400, 'invalid_request_error', message);
  }
  if (typeof result !== 'string' && !('logprobs' in result)) {
    if (!('fault' in result)) return errorAnswerReply(result);
    if (!anthropicFaultKinds.includes(result.fault)) {
      const message =
        `A rule answered with the fault "${result.fault}", which the Anthropic test server cannot play: ` +
        `it is about OpenAI's choices. Use one of ${anthropicFaultKinds.join(', ')}.`;
      return errorReply(500, 'api_error', message);
    }
    return { fault: result.fault, target: faultTarget(request, id) };
  }
  // The Messages API has no log probabilities: a rule's LogprobsAnswer is answered with its text.
  const text = typeof result === 'string' ? result : result.text;
  const answered = request.forcedTool == null ? textAnswer(text, request) : toolAnswer(text, request.forcedTool, id);
  if (!('block' in answered)) return answered;
  const outputTokens = countWords(answered.block.type === 'text' ? answered.block.text : JSON.stringify(answered.block.input));
  const answer = { id, model: request.model, ...answered, inputTokens: inputTokensOf(request), outputTokens };
  if (request.stream) return { events: messageEvents(answer), completionTokens: outputTokens };
  return { status: 200, body: messageBody(answer), completionTokens: outputTokens };
}

/**
 * The text answer: cut before the first stop sequence it contains, then to `max_tokens` words; the
 * stop reason says which cut it, if any.
 */
function textAnswer(
  text: string,
  request: DecodedMessagesRequest,
): { block: AnswerBlock; stopReason: StopReason; stopSequence: string | null } {
  let stopAt = text.length;
  let stopSequence: string | null = null;
  for (const sequence of request.stopSequences) {
    const found = sequence === '' ? -1 : text.indexOf(sequence);
    if (found !== -1 && found < stopAt) {
      stopAt = found;
      stopSequence = sequence;
    }
  }
  const cut = truncateToWords(text.slice(0, stopAt), request.maxTokens);
  const block: AnswerBlock = { type: 'text', text: cut.text };
  if (cut.finishReason === 'length') return { block, stopReason: 'max_tokens', stopSequence: null };
  return { block, stopReason: stopSequence == null ? 'end_turn' : 'stop_sequence', stopSequence };
}

/** The `tool_use` answer of a forced tool: the rule's answer must be a JSON object, its input. */
function toolAnswer(
  text: string,
  name: string,
  id: string,
): { block: AnswerBlock; stopReason: StopReason; stopSequence: null } | Reply {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    input = undefined;
  }
  if (!isObject(input)) {
    const message =
      `The request forces the tool "${name}", so the rule's answer must be a JSON object (the tool's ` +
      `input), but it was: ${JSON.stringify(promptStart(text))}`;
    return errorReply(500, 'api_error', message);
  }
  const toolId = id.replace(/^msg_/, 'toolu_');
  return { block: { type: 'tool_use', id: toolId, name, input }, stopReason: 'tool_use', stopSequence: null };
}

/** The reply of a fault the `faults` option drew. */
function injectedReply(spec: FaultSpec, target: AnthropicFaultTarget): Reply {
  if (typeof spec === 'string') return { fault: spec, target };
  return errorAnswerReply({ ...spec, message: spec.message ?? defaultStatusMessage(spec.status) });
}

function faultTarget(request: DecodedMessagesRequest, id: string): AnthropicFaultTarget {
  return { stream: request.stream, model: request.model, id, inputTokens: inputTokensOf(request) };
}

function inputTokensOf(request: DecodedMessagesRequest): number {
  return request.promptTexts.reduce((sum, text) => sum + countWords(text), 0);
}

/**
 * The answer to a request the API refuses before looking at its body: a missing
 * `anthropic-version` header (400), or a key other than the configured one (401).
 */
function refusalOf(call: IncomingCall, apiKey: string | undefined): Reply | undefined {
  if (apiKey != null && keyOf(call.headers) !== apiKey) {
    return errorReply(401, 'authentication_error', 'invalid x-api-key');
  }
  if (call.headers[versionHeader] == null) {
    return errorReply(400, 'invalid_request_error', `${versionHeader}: header is required`);
  }
  return undefined;
}

/** The API key of a request: `x-api-key`, else the token of `Authorization: Bearer`. */
function keyOf(headers: Readonly<Record<string, string>>): string | undefined {
  return headers['x-api-key'] ?? /^Bearer (.+)$/i.exec(headers['authorization'] ?? '')?.[1];
}

type Route = 'messages' | 'models';

/** A request to the Message Batches endpoints. */
type BatchRoute = { readonly kind: 'create' } | { readonly kind: 'retrieve' | 'results' | 'cancel'; readonly id: string };

function batchRouteOf(method: string, path: string): BatchRoute | undefined {
  if (method === 'POST' && path === '/v1/messages/batches') return { kind: 'create' };
  const match = /^\/v1\/messages\/batches\/([^/]+)(\/results|\/cancel)?$/.exec(path);
  if (match == null) return undefined;
  const id = decodeURIComponent(match[1]!);
  if (method === 'GET' && match[2] == null) return { kind: 'retrieve', id };
  if (method === 'GET' && match[2] === '/results') return { kind: 'results', id };
  if (method === 'POST' && match[2] === '/cancel') return { kind: 'cancel', id };
  return undefined;
}

/** Answers a request to the Message Batches endpoints. */
function batchReply(route: BatchRoute, call: IncomingCall, batches: Batches): Reply {
  // results_url points back at the server as the client reached it.
  const origin = `http://${call.headers['host'] ?? '127.0.0.1'}`;
  const problemReply = ({ status, type, message }: BatchProblem) => errorReply(status, type, message);
  if (route.kind === 'results') {
    const results = batches.results(route.id);
    return 'problem' in results ? problemReply(results.problem) : { status: 200, text: results.jsonl, contentType: 'application/x-jsonl' };
  }
  const answer =
    route.kind === 'create'
      ? batches.create(call.body, origin)
      : route.kind === 'retrieve'
        ? batches.retrieve(route.id, origin)
        : batches.cancel(route.id, origin);
  if ('problem' in answer) return problemReply(answer.problem);
  if ('refused' in answer) return errorAnswerReply(answer.refused);
  return { status: 200, body: answer.batch };
}

/**
 * One request of a batch, answered by the rules as `POST /v1/messages` would answer it without
 * streaming: a message, or an error body (a fault, which a batch cannot play, is an `api_error`).
 */
function answerBatchRequest(params: Record<string, unknown>, messageId: string, rules: ReadonlyArray<AnswerRule>): BatchAnswer {
  const decoded = decodeMessagesRequest(params);
  if ('problem' in decoded) return { statusCode: 400, body: anthropicErrorBody('invalid_request_error', decoded.problem) };
  const reply = answerMessage({ ...decoded.decoded, stream: false }, { body: params, headers: {} }, messageId, rules);
  if ('body' in reply) return { statusCode: reply.status, body: reply.body };
  const status = 'status' in reply ? reply.status : 500;
  const message = 'text' in reply ? reply.text : 'Internal server error';
  return { statusCode: status, body: anthropicErrorBody(anthropicErrorType(status), message) };
}

function routeOf(method: string, path: string): Route | undefined {
  if (method === 'POST' && path === '/v1/messages') return 'messages';
  if (method === 'GET' && path === '/v1/models') return 'models';
  return undefined;
}

/** The body of `GET /v1/models`: one page holding every model. */
function modelList(models: ReadonlyArray<string>): Record<string, unknown> {
  const data = models.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' }));
  return { data, has_more: false, first_id: models[0] ?? null, last_id: models.at(-1) ?? null };
}

/** Messages of status faults that leave theirs out, worded like the API's. */
function defaultStatusMessage(status: number): string {
  const messages: Readonly<Record<number, string>> = {
    429: 'Number of request tokens has exceeded your per-minute rate limit.',
    500: 'Internal server error',
    529: 'Overloaded',
  };
  return messages[status] ?? `HTTP ${status}: injected fault.`;
}

function errorAnswerReply(answer: ErrorAnswer): Reply {
  const headers = answer.headers == null ? {} : { headers: answer.headers };
  if (answer.body != null) {
    const contentType = answer.contentType ?? defaultErrorBodyContentType;
    return { status: answer.status, text: answer.body, contentType, ...headers };
  }
  return { ...errorReply(answer.status, answer.type ?? anthropicErrorType(answer.status), answer.message), ...headers };
}

function errorReply(status: number, type: string, message: string): Reply {
  return { status, body: anthropicErrorBody(type, message) };
}

function sendReply(response: ServerResponse, reply: Reply, headers: Record<string, string>): void {
  if ('fault' in reply) writeAnthropicFault(response, reply.fault, reply.target, headers);
  else if ('events' in reply) {
    startEvents(response, headers);
    response.end(reply.events.map(eventText).join(''));
  } else if ('text' in reply) sendText(response, reply.status, headers, reply.contentType, reply.text);
  else sendJson(response, reply.status, headers, reply.body);
}
