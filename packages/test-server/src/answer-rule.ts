import type { FaultKind } from './fault-kind';

/**
 * What a rule sees: one choice of one request, already decoded from the wire format (OpenAI's or
 * Anthropic's).
 */
export interface AnswerRequest {
  /**
   * `chat` for `POST /v1/chat/completions` (and the Anthropic server's `POST /v1/messages`, whose
   * `system` prompt comes first in `messages` as a `system` message), `completion` for
   * `POST /v1/completions`, `embedding` for one input of `POST /v1/embeddings` (rules decide only
   * errors and faults there: a text answer is ignored, every input gets the vector of its own text).
   */
  readonly kind: 'chat' | 'completion' | 'embedding';
  /** The `model` field of the request body, as sent. */
  readonly model: string;
  /**
   * The chat messages with their content flattened to text (content parts are joined). Empty for
   * completion requests, which have a prompt instead.
   */
  readonly messages: ReadonlyArray<{ readonly role: string; readonly content: string }>;
  /**
   * The text a rule usually matches: the last user message of a chat, the completion prompt, or the
   * input text of an embedding request.
   */
  readonly prompt: string;
  /**
   * Which of the `n` requested choices is being answered, from 0. Rules are called once per choice,
   * so a rule can vary its answer between choices. For embeddings: the position of the input.
   */
  readonly choiceIndex: number;
  /** The parsed JSON request body, untouched, for rules that look at other fields. */
  readonly body: Readonly<Record<string, unknown>>;
  /** Request headers with lower-cased names (e.g. `authorization`). */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * An HTTP error a rule can answer with instead of text, to test how clients handle faults (rate
 * limits, server errors). The server replies with this status and an OpenAI-format error body
 * `{ error: { message, type, param: null, code } }` (the Anthropic server: `{ type: 'error', error:
 * { type, message } }`), or with `body` as is when it is set (gateways
 * answer 502 and 503 with HTML pages); when any choice of a request gets an error, the whole request
 * fails, as with the real API.
 */
export interface ErrorAnswer {
  /** HTTP status code, e.g. 429 or 500. */
  readonly status: number;
  /** The error message, sent as `error.message`. */
  readonly message: string;
  /** Extra response headers, e.g. `{ 'retry-after-ms': '150' }`. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * `error.type` in the body. Default: `server_error` for 5xx, `invalid_request_error` otherwise
   * (the types the OpenAI API uses); on the Anthropic server, the type the Anthropic API gives the
   * status (`rate_limit_error` for 429, `overloaded_error` for 529...).
   */
  readonly type?: string;
  /** `error.code` in the body (OpenAI format only). Default: `null`. */
  readonly code?: string | null;
  /**
   * A raw response body sent instead of the OpenAI error body, e.g. a gateway's HTML page. `message`,
   * `type` and `code` are then unused. Default: none (the OpenAI error body).
   */
  readonly body?: string;
  /**
   * The `content-type` of `body`. Only used with `body`. Default: `text/html; charset=utf-8`, the
   * type of the gateway pages `body` usually holds.
   */
  readonly contentType?: string;
}

/**
 * A broken answer a rule can return instead of text, to test how clients survive endpoints that
 * stall, drop the connection or send malformed bodies (see {@link FaultKind} for each kind). When any
 * choice of a request gets a fault (or an error), the whole request gets it.
 */
export interface FaultAnswer {
  /** What goes wrong. */
  readonly fault: FaultKind;
}

/**
 * An answer text with log probabilities for its tokens, sent as the choice's `logprobs.content` of
 * a non-streaming chat completion. NVIDIA's reward models (`nemotron-4-340b-reward`) answer this
 * way: each score is a "token" named after its attribute, its value the `logprob`.
 */
export interface LogprobsAnswer {
  readonly text: string;
  readonly logprobs: ReadonlyArray<{ readonly token: string; readonly logprob: number }>;
}

/**
 * What a rule returns: the answer text, a {@link LogprobsAnswer}, an {@link ErrorAnswer}, a
 * {@link FaultAnswer}, or `null`/`undefined` to pass the request on to the next rule.
 */
export type RuleAnswer = string | LogprobsAnswer | ErrorAnswer | FaultAnswer | null | undefined;

/**
 * Decides the answer to one choice of a request. Rules are tried in order; the first one that
 * returns a string (or an {@link ErrorAnswer} or a {@link FaultAnswer}) answers. Rules run
 * synchronously and should not throw: a throwing rule makes the server answer 500 with the thrown
 * message.
 */
export type AnswerRule = (request: AnswerRequest) => RuleAnswer;
