import type { ServerResponse } from 'node:http';
import type { AnswerRequest, AnswerRule, ErrorAnswer, RuleAnswer } from './answer-rule';
import type { BatchOptions } from './batch-options';
import type { BatchAnswer } from './internal/batch-jobs';
import { createOpenAIBatches } from './internal/openai-batches';
import type { FaultInjectionOptions, FaultSpec } from './fault-injection-options';
import type { FaultKind } from './fault-kind';
import { type DecodedRequest, type DecodeResult, decodeRequest } from './internal/decode-request';
import { type DecodeEmbeddingResult, decodeEmbeddingRequest } from './internal/decode-embedding-request';
import { answerEmbedding } from './internal/answer-embedding';
import { type EmbeddingFaultTarget, writeEmbeddingFault } from './internal/write-embedding-fault';
import { createFaultInjector, statusFaultAnswer } from './internal/fault-injector';
import { firstAnswer, promptStart } from './internal/first-answer';
import { openAIRateLimitHeaders, openAIRateLimitRejection } from './internal/openai-rate-limit';
import {
  type AnsweredChoice,
  chatCompletionBody,
  chatCompletionChunks,
  type CompletionEnvelope,
  countWords,
  errorBody,
  textCompletionBody,
  textCompletionChunks,
  truncateToWords,
  usageOf,
} from './internal/openai-wire-format';
import { createRateLimiter } from './internal/rate-limiter';
import { sendEvents, sendJson, sendText } from './internal/send-response';
import {
  type IncomingCall,
  isObject,
  type LoopbackProtocol,
  messageOf,
  startLoopbackServer,
} from './internal/start-loopback-server';
import { type FaultTarget, writeFault } from './internal/write-fault';
import type { LatencyOption } from './latency-option';
import type { RateLimitOptions } from './rate-limit-options';
import type { RecordedRequest } from './recorded-request';

/** Options of {@link createOpenAITestServer}. Every field is optional. */
export interface OpenAITestServerOptions {
  /**
   * Decide the answers. Tried in order for each choice; the first rule that returns a string (or an
   * error or fault answer) answers. When none does, the request fails with HTTP 400
   * `no_rule_matched`. Embedding requests need no rule: each input gets the vector of its text, and
   * rules only decide errors and faults. Default: no rules, so every completion request fails.
   */
  readonly rules?: ReadonlyArray<AnswerRule>;
  /**
   * Delay before answering each request, in milliseconds: a fixed value, a range `{ min, max }` from
   * which each request draws uniformly, or a heavy-tailed `{ distribution: 'lognormal', meanMs,
   * sigma, seed? }` (see `LognormalLatency`). Lets tests keep requests in flight (concurrency,
   * timeouts, aborts) and benchmarks see realistic response times. With `capacity`, it starts when
   * the request gets a slot. Default: 0.
   */
  readonly latencyMs?: LatencyOption;
  /**
   * How many requests are processed at once (their latency running); further requests wait in the
   * server, first come first served, like the queue of a vLLM or NIM server, and their latency starts
   * when they get a slot. They still count in `inFlight`, which is what a client-side concurrency
   * limit bounds. A stalled request holds its slot until its client goes away. Default: no limit.
   */
  readonly capacity?: number;
  /**
   * Answers a share of the completion and embedding requests with faults drawn at random from a
   * seed: stalls, resets, truncated streams, malformed bodies, 429s, 5xx... (see
   * `FaultInjectionOptions`). Default: no faults.
   */
  readonly faults?: FaultInjectionOptions;
  /**
   * Simulates OpenAI's requests and tokens per minute limits: 429 `rate_limit_exceeded` with
   * `retry-after-ms` over budget, and `x-ratelimit-*` headers on every completion and embedding
   * response (see `RateLimitOptions`). Default: no limit.
   */
  readonly rateLimit?: RateLimitOptions;
  /**
   * Extra headers sent with every response, e.g. `{ 'x-ratelimit-remaining-requests': '99' }`.
   * Default: none.
   */
  readonly headers?: Readonly<Record<string, string>>;
  /** Model ids listed by `GET /v1/models`. Any model id is answered regardless. Default: `['testkit-model']`. */
  readonly models?: ReadonlyArray<string>;
  /**
   * How the Batch API runs jobs: how long until a job completes, how long a cancel takes, which
   * requests expire and which submissions are refused (see `BatchOptions`). The Files and Batches
   * endpoints are always served. Default: jobs complete at once, nothing expires, nothing is refused.
   */
  readonly batches?: BatchOptions;
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
  /**
   * Requests being processed right now: holding one of the `capacity` slots, latency running or
   * answer being written (a stalled request until its client goes away). Without `capacity`, every
   * request is processed as soon as it arrives.
   */
  readonly processing: number;
  /** The highest `processing` seen since the server started; never above `capacity`. */
  readonly maxProcessing: number;
  /** Requests waiting for one of the `capacity` slots right now. */
  readonly queued: number;
  /** Faults the `faults` option injected so far (faults from rules are not counted). */
  readonly faultsInjected: number;
  /**
   * Faults the `faults` option injected so far, by fault kind, or by HTTP status as text for status
   * faults (e.g. `{ reset: 2, '429': 3, ... }`). Every fault it can inject is listed, from 0.
   */
  readonly faultCounts: Readonly<Record<string, number>>;
  /** Requests the `rateLimit` option answered with 429 so far. */
  readonly rateLimited: number;
  /** Batch jobs created so far with `POST /v1/batches`. */
  readonly batchesCreated: number;
  /** Stops listening and closes every open connection, keep-alive ones included. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts a loopback HTTP server that speaks the OpenAI wire format, answering from the rules the
 * test supplies. It serves `POST /v1/chat/completions` and `POST /v1/completions` (plain JSON, or
 * server-sent events with `stream: true`, honouring `n`, `max_tokens` and
 * `stream_options.include_usage`), `POST /v1/embeddings` (`encoding_format` `float` or `base64`,
 * `dimensions`; each text's vector is a pure function of the text), `GET /v1/models`, and the
 * Files and Batches endpoints of the Batch API: `POST /v1/files` (multipart upload),
 * `GET /v1/files/{id}/content`, `POST /v1/batches`, `GET /v1/batches/{id}` and
 * `POST /v1/batches/{id}/cancel`. A job's requests are answered by the same rules (an error rule
 * fails a request), once the job completes after `batches.completionDelayMs`; `batches.expire`
 * picks requests that expire unanswered; a cancelled job is `cancelling` for
 * `batches.cancelDelayMs`, then `cancelled`; `batches.refuse` refuses submissions. The job
 * lifecycle is the one the Anthropic server's Message Batches use. Rate limits, faults, capacity
 * and latency apply to online requests only.
 *
 * Token counts in `usage` are whitespace-separated words, and `max_tokens` cuts answers to that many
 * words (with `finish_reason: "length"`). Errors use the OpenAI error body, so SDKs raise their
 * usual error classes: 400 for a bad body or when no rule matched (400 so SDKs do not retry), 404
 * for an unknown path, 500 when a rule throws.
 *
 * To test clients against unreliable endpoints, rules can answer with HTTP errors (`errorRule`) or
 * broken responses (`faultRule`), the `faults` option injects both at random, `latencyMs` can be
 * heavy-tailed, `capacity` queues requests server-side and `rateLimit` plays OpenAI's rate limits.
 * A completion or embedding request goes through them in this order: the rate limit (a rejected
 * request is answered at once), the random faults, the rules (both decided on arrival, in arrival
 * order), a `capacity` slot, the latency, then the answer.
 *
 * ```ts
 * const server = await createOpenAITestServer({ rules: [textRule({ match: /hello/i, answer: 'Hi!' })] });
 * const client = new OpenAI({ apiKey: 'test', baseURL: server.baseURL });
 * ```
 *
 * @throws InvalidArgumentError when `latencyMs` is negative, its range is empty or its lognormal
 * distribution is invalid, when `capacity` is not a whole number of at least 1, or when `faults` or
 * `rateLimit` is invalid (the message names the field).
 */
export async function createOpenAITestServer(options: OpenAITestServerOptions = {}): Promise<OpenAITestServer> {
  const rules = [...(options.rules ?? [])];
  const models = options.models ?? ['testkit-model'];
  const batchJobs = createOpenAIBatches(options.batches ?? {}, (body, customId) => answerBatchLine(body, customId, rules));
  const server = await startLoopbackServer(
    {
      ...options,
      faultInjector: options.faults == null ? undefined : createFaultInjector(options.faults),
      rateLimiter: options.rateLimit == null ? undefined : createRateLimiter(options.rateLimit),
      baseURLOf: (url) => `${url}/v1`,
    },
    openAIProtocol(rules, models, batchJobs),
  );
  // The one counter only this server has, added to the shared server's getters.
  const batchesCreated = { get: () => batchJobs.batchCount, enumerable: true };
  return Object.defineProperty(server, 'batchesCreated', batchesCreated) as OpenAITestServer;
}

// --- Internal helpers ---

/**
 * A response to send: a JSON body, the chunks of a server-sent event stream, a raw text body (an
 * HTML error page), or a fault. `completionTokens` is the words of the answer, for the rate limit.
 */
type Reply = (
  | { readonly status: number; readonly body: unknown }
  | { readonly chunks: ReadonlyArray<unknown> }
  | { readonly status: number; readonly text: string; readonly contentType: string }
  | { readonly fault: FaultKind; readonly target: FaultTarget | EmbeddingFaultTarget }
) & {
  readonly headers?: Readonly<Record<string, string>>;
  readonly completionTokens?: number;
};

/** The content type of an {@link ErrorAnswer} `body` that does not give one. */
const defaultErrorBodyContentType = 'text/html; charset=utf-8';

/** The Batch API's files and jobs of one server. */
type BatchJobs = ReturnType<typeof createOpenAIBatches>;

/** A received request, as far as routing and decoding got. */
interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly route: Route | undefined;
  readonly body: unknown;
  readonly decoded: DecodeResult | undefined;
  readonly embedding: DecodeEmbeddingResult | undefined;
  readonly headers: Readonly<Record<string, string>>;
  /** 1 for the first request the server received; makes response ids unique. */
  readonly requestNumber: number;
}

/** The OpenAI wire format, for the shared server machinery. */
function openAIProtocol(
  rules: ReadonlyArray<AnswerRule>,
  models: ReadonlyArray<string>,
  batchJobs: BatchJobs,
): LoopbackProtocol<Reply> {
  return {
    // The Batch API's endpoints: no rate limit, faults, capacity or latency (online requests only).
    answerAtOnce(call: IncomingCall) {
      const route = batchRouteOf(call.method, call.path);
      return route == null ? undefined : batchReply(route, call, batchJobs);
    },
    receive(call: IncomingCall) {
      const { method, path, body, headers, requestNumber } = call;
      const route = routeOf(method, path);
      const decoded =
        (route === 'chat' || route === 'completion') && isObject(body) ? decodeRequest(route, body) : undefined;
      const embedding = route === 'embedding' && isObject(body) ? decodeEmbeddingRequest(body) : undefined;
      const embeddings = embedding != null && 'decoded' in embedding ? embedding.decoded : undefined;
      const completion = decoded != null && 'decoded' in decoded ? decoded.decoded : undefined;
      const received: ReceivedRequest = { method, path, route, body, decoded, embedding, headers, requestNumber };
      // Completions and embeddings go through the rate limit and the random faults; nothing else does.
      const cost =
        completion != null
          ? { inputTokens: wordsIn(completion.promptTexts), outputTokens: maxOutputTokens(completion) }
          : embeddings != null
            ? { inputTokens: wordsIn(embeddings.inputs), outputTokens: 0 }
            : undefined;
      const faultTarget: FaultTarget | EmbeddingFaultTarget | undefined =
        completion != null
          ? faultTargetOf(completion, responseId(received))
          : embeddings != null
            ? { kind: 'embedding', ...embeddings }
            : undefined;
      return {
        prompt: completion?.prompt,
        // Without max_tokens, the answer's words count against the budget once they are known.
        ...(cost == null ? {} : { completion: { cost, chargeAnswer: completion?.maxTokens == null } }),
        answer: () => replyTo(received, rules, models),
        inject: (spec) => injectedReply(spec, faultTarget as FaultTarget | EmbeddingFaultTarget),
      };
    },
    requestIdHeaders: (requestNumber) => ({ 'x-request-id': `req_testkit_${requestNumber}` }),
    rateLimitHeaders: openAIRateLimitHeaders,
    rateLimited(rejection) {
      const { type, message, headers } = openAIRateLimitRejection(rejection);
      return { status: 429, body: errorBody(message, type, 'rate_limit_exceeded'), headers };
    },
    failed: (message) => errorReply(500, message, 'server_error', 'testkit_failure'),
    send: sendReply,
  };
}

function replyTo(received: ReceivedRequest, rules: ReadonlyArray<AnswerRule>, models: ReadonlyArray<string>): Reply {
  const { method, path, route, body, decoded, embedding } = received;
  if (route === undefined) {
    return errorReply(
      404,
      `Unknown request URL: ${method} ${path}. The test server serves POST /v1/chat/completions, ` +
        'POST /v1/completions, POST /v1/embeddings, GET /v1/models, and the Files and Batches endpoints ' +
        '(POST /v1/files, GET /v1/files/{id}/content, POST /v1/batches, GET /v1/batches/{id}, POST /v1/batches/{id}/cancel).',
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
  if (route === 'embedding') return embeddingReply(embedding, body, received.headers, rules);
  if (decoded == null || 'problem' in decoded) {
    return errorReply(400, decoded?.problem ?? 'Invalid request.', 'invalid_request_error', 'invalid_value');
  }
  return answerCompletion(decoded.decoded, body, received.headers, responseId(received), rules);
}

/** Answers a request to the Files or Batches endpoints. */
async function batchReply(
  route: BatchRoute,
  { body, bodyBytes, headers }: IncomingCall,
  batchJobs: BatchJobs,
): Promise<Reply> {
  if (route.kind === 'upload') {
    let form: FormData;
    try {
      form = await new Response(bodyBytes, { headers: { 'content-type': headers['content-type'] ?? '' } }).formData();
    } catch (error) {
      return errorReply(400, `The upload is not a multipart/form-data body: ${messageOf(error)}`, 'invalid_request_error', 'invalid_body');
    }
    const file = form.get('file');
    const purpose = form.get('purpose');
    if (typeof file === 'string' || file == null) return errorReply(400, "Missing 'file': upload the JSONL file as a multipart file field.", 'invalid_request_error', 'missing_file');
    if (purpose !== 'batch') return errorReply(400, `Invalid 'purpose': the test server stores batch input files only, got ${JSON.stringify(purpose)}.`, 'invalid_request_error', 'invalid_value');
    const stored = batchJobs.addFile(file.name, purpose, await file.text());
    const bytes = Buffer.byteLength(stored.content);
    return { status: 200, body: { id: stored.id, object: 'file', bytes, created_at: stored.createdAt, filename: stored.filename, purpose, status: 'processed' } };
  }
  if (route.kind === 'content') {
    const file = batchJobs.file(route.id);
    if (file == null) return errorReply(404, `No such File object: ${route.id}`, 'invalid_request_error', null);
    return { status: 200, text: file.content, contentType: 'application/octet-stream' };
  }
  if (route.kind === 'create') {
    const created = isObject(body) ? batchJobs.createBatch(body) : { problem: 'We could not parse the JSON body of your request: expected a JSON object.' };
    if ('problem' in created) return errorReply(400, created.problem, 'invalid_request_error', 'invalid_value');
    return 'refused' in created ? errorAnswerReply(created.refused) : { status: 200, body: created.batch };
  }
  const batch = route.kind === 'retrieve' ? batchJobs.retrieveBatch(route.id) : batchJobs.cancelBatch(route.id);
  return batch == null ? errorReply(404, `No batch found with id '${route.id}'.`, 'invalid_request_error', null) : { status: 200, body: batch };
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
    let result: Exclude<RuleAnswer, null> | undefined;
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
    if (typeof result !== 'string' && 'logprobs' in result) {
      choices.push({ ...truncateToWords(result.text, decoded.maxTokens), logprobs: result.logprobs });
      continue;
    }
    if (typeof result !== 'string') {
      return 'fault' in result ? { fault: result.fault, target: faultTargetOf(decoded, id) } : errorAnswerReply(result);
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
  const completionTokens = envelope.usage.completion_tokens;
  if (decoded.stream) {
    const chunks =
      decoded.kind === 'chat'
        ? chatCompletionChunks(envelope, decoded.includeUsage)
        : textCompletionChunks(envelope, decoded.includeUsage);
    return { chunks, completionTokens };
  }
  const answerBody = decoded.kind === 'chat' ? chatCompletionBody(envelope) : textCompletionBody(envelope);
  return { status: 200, body: answerBody, completionTokens };
}

/** Asks the rules about every input of an embedding request, then answers with the vectors. */
function embeddingReply(
  embedding: DecodeEmbeddingResult | undefined,
  body: Record<string, unknown>,
  headers: Record<string, string>,
  rules: ReadonlyArray<AnswerRule>,
): Reply {
  if (embedding == null || 'problem' in embedding) {
    return errorReply(400, embedding?.problem ?? 'Invalid request.', 'invalid_request_error', 'invalid_value');
  }
  const answer = answerEmbedding(embedding.decoded, body, headers, rules);
  if ('list' in answer) return { status: 200, body: answer.list, completionTokens: 0 };
  if ('thrown' in answer) return errorReply(500, `An answer rule threw: ${answer.thrown}`, 'server_error', 'rule_threw');
  if ('fault' in answer) return { fault: answer.fault, target: { kind: 'embedding', ...embedding.decoded } };
  return errorAnswerReply(answer);
}

/** The reply of a fault the `faults` option drew. */
function injectedReply(spec: FaultSpec, target: FaultTarget | EmbeddingFaultTarget): Reply {
  if (typeof spec !== 'string') return errorAnswerReply(statusFaultAnswer(spec));
  return { fault: spec, target };
}

function faultTargetOf(decoded: DecodedRequest, id: string): FaultTarget {
  return { kind: decoded.kind, stream: decoded.stream, model: decoded.model, id, promptTexts: decoded.promptTexts };
}

function responseId(received: ReceivedRequest): string {
  return `${received.route === 'chat' ? 'chatcmpl' : 'cmpl'}-testkit-${received.requestNumber}`;
}

/**
 * The output tokens a request is charged on arrival: `max_tokens` times `n` when it sets
 * `max_tokens`, else none (its answer's words are charged once known).
 */
function maxOutputTokens(decoded: DecodedRequest): number {
  return decoded.maxTokens == null ? 0 : decoded.maxTokens * decoded.choiceCount;
}

/** One line of a batch job, answered by the rules as an online request would be (never streamed). */
function answerBatchLine(body: Record<string, unknown>, customId: string, rules: ReadonlyArray<AnswerRule>): BatchAnswer {
  const kind = typeof body['prompt'] === 'string' && body['messages'] == null ? 'completion' : 'chat';
  const { stream: _stream, stream_options: _streamOptions, ...unstreamed } = body;
  const decoded = decodeRequest(kind, unstreamed);
  if ('problem' in decoded) return { statusCode: 400, body: errorBody(decoded.problem, 'invalid_request_error', 'invalid_value') };
  const reply = answerCompletion(decoded.decoded, unstreamed, {}, `${kind === 'chat' ? 'chatcmpl' : 'cmpl'}-testkit-batch-${customId}`, rules);
  if ('body' in reply) return { statusCode: reply.status, body: reply.body };
  if ('text' in reply) return { statusCode: reply.status, body: errorBody(reply.text, 'server_error', null) };
  return { statusCode: 500, body: errorBody('The server had an error while processing your request.', 'server_error', null) };
}

/** A request to the Files or Batches endpoints. */
type BatchRoute =
  | { readonly kind: 'upload' }
  | { readonly kind: 'content' | 'create' | 'retrieve' | 'cancel'; readonly id: string };

function batchRouteOf(method: string, path: string): BatchRoute | undefined {
  if (method === 'POST' && path === '/v1/files') return { kind: 'upload' };
  if (method === 'POST' && path === '/v1/batches') return { kind: 'create', id: '' };
  const content = /^\/v1\/files\/([^/]+)\/content$/.exec(path);
  if (method === 'GET' && content != null) return { kind: 'content', id: decodeURIComponent(content[1]!) };
  const cancel = /^\/v1\/batches\/([^/]+)\/cancel$/.exec(path);
  if (method === 'POST' && cancel != null) return { kind: 'cancel', id: decodeURIComponent(cancel[1]!) };
  const retrieve = /^\/v1\/batches\/([^/]+)$/.exec(path);
  if (method === 'GET' && retrieve != null) return { kind: 'retrieve', id: decodeURIComponent(retrieve[1]!) };
  return undefined;
}

/** What a request asks for, by its method and path. */
type Route = 'chat' | 'completion' | 'embedding' | 'models';

function routeOf(method: string, path: string): Route | undefined {
  if (method === 'POST' && path === '/v1/chat/completions') return 'chat';
  if (method === 'POST' && path === '/v1/completions') return 'completion';
  if (method === 'POST' && path === '/v1/embeddings') return 'embedding';
  if (method === 'GET' && path === '/v1/models') return 'models';
  return undefined;
}

/** The words of some texts: what they cost in tokens. */
function wordsIn(texts: ReadonlyArray<string>): number {
  return texts.reduce((sum, text) => sum + countWords(text), 0);
}

function errorAnswerReply(answer: ErrorAnswer): Reply {
  if (answer.body != null) {
    const contentType = answer.contentType ?? defaultErrorBodyContentType;
    const headers = answer.headers == null ? {} : { headers: answer.headers };
    return { status: answer.status, text: answer.body, contentType, ...headers };
  }
  const type = answer.type ?? (answer.status >= 500 ? 'server_error' : 'invalid_request_error');
  return errorReply(answer.status, answer.message, type, answer.code ?? null, answer.headers);
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

function sendReply(response: ServerResponse, reply: Reply, headers: Record<string, string>): void {
  if ('fault' in reply) {
    if (reply.target.kind === 'embedding') writeEmbeddingFault(response, reply.fault, reply.target, headers);
    else writeFault(response, reply.fault, reply.target, headers);
  }
  else if ('chunks' in reply) sendEvents(response, headers, reply.chunks);
  else if ('text' in reply) sendText(response, reply.status, headers, reply.contentType, reply.text);
  else sendJson(response, reply.status, headers, reply.body);
}
