/**
 * Response bodies and server-sent events in the format of Anthropic's Messages API
 * (`POST /v1/messages`), as `@anthropic-ai/sdk` reads them. "Tokens" are whitespace-separated
 * words, as everywhere in the test server.
 */

import { splitIntoDeltas } from './openai-wire-format';

/** The one content block of an answer: text, or a call of a tool (forced with `tool_choice`). */
export type AnswerBlock =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'tool_use'; readonly id: string; readonly name: string; readonly input: Readonly<Record<string, unknown>> };

/** Why the answer stopped, as the API says it. */
export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use';

/** Everything a message body or its stream is made of. */
export interface AnthropicAnswer {
  /** The message id, e.g. `msg_testkit_3`. */
  readonly id: string;
  readonly model: string;
  readonly block: AnswerBlock;
  readonly stopReason: StopReason;
  /** The stop sequence that ended the answer, with `stopReason` `stop_sequence`; else null. */
  readonly stopSequence: string | null;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** One server-sent event: its `event:` name and the JSON of its `data:` line. */
export interface AnthropicEvent {
  readonly event: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** The body of a non-streaming `POST /v1/messages`: a `message` object. */
export function messageBody(answer: AnthropicAnswer): Record<string, unknown> {
  return {
    ...messageFields(answer),
    content: [answer.block],
    stop_reason: answer.stopReason,
    stop_sequence: answer.stopSequence,
    stop_details: null,
    usage: usageOf(answer, answer.outputTokens),
  };
}

/**
 * The events of a streamed message, in the API's order: `message_start` (the message with empty
 * content, no stop reason and a first output count), `content_block_start`, a `ping`, one
 * `content_block_delta` per word of text (`text_delta`) or per piece of the tool input's JSON
 * (`input_json_delta`, the first one empty, as the API sends it), `content_block_stop`,
 * `message_delta` (stop reason, stop sequence and the usage) and `message_stop`.
 */
export function messageEvents(answer: AnthropicAnswer): AnthropicEvent[] {
  const { block } = answer;
  const deltas =
    block.type === 'text'
      ? splitIntoDeltas(block.text).map((text) => ({ type: 'text_delta', text }))
      : ['', ...splitJson(JSON.stringify(block.input))].map((json) => ({ type: 'input_json_delta', partial_json: json }));
  const startedBlock = block.type === 'text' ? { type: 'text', text: '' } : { ...block, input: {} };
  return [
    event('message_start', {
      message: {
        ...messageFields(answer),
        content: [],
        stop_reason: null,
        stop_sequence: null,
        stop_details: null,
        usage: usageOf(answer, Math.min(1, answer.outputTokens)),
      },
    }),
    event('content_block_start', { index: 0, content_block: startedBlock }),
    event('ping', {}),
    ...deltas.map((delta) => event('content_block_delta', { index: 0, delta })),
    event('content_block_stop', { index: 0 }),
    event('message_delta', {
      delta: { stop_reason: answer.stopReason, stop_sequence: answer.stopSequence, stop_details: null },
      // The API repeats the whole message's input and cache counts here (older versions sent only output_tokens).
      usage: {
        input_tokens: answer.inputTokens,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: answer.outputTokens,
      },
    }),
    event('message_stop', {}),
  ];
}

/** An event as it goes on the wire: `event: <name>`, `data: <json>` and a blank line. */
export function eventText({ event: name, data }: AnthropicEvent): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** An Anthropic error body: `{ "type": "error", "error": { "type", "message" } }`. */
export function anthropicErrorBody(type: string, message: string): Record<string, unknown> {
  return { type: 'error', error: { type, message } };
}

/**
 * The `error.type` the API uses for an HTTP status: 400 `invalid_request_error`, 401
 * `authentication_error`, 402 `billing_error`, 403 `permission_error`, 404 `not_found_error`, 413
 * `request_too_large`, 429 `rate_limit_error`, 529 `overloaded_error`, `api_error` for other 5xx
 * statuses, and `invalid_request_error` for other 4xx statuses.
 */
export function anthropicErrorType(status: number): string {
  return errorTypes[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

// --- Internal helpers ---

const errorTypes: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/** The fields a message starts with, in a body and in `message_start` alike. */
function messageFields(answer: AnthropicAnswer): Record<string, unknown> {
  return { id: answer.id, type: 'message', role: 'assistant', model: answer.model };
}

/** The usage of a message: no prompt caching, the standard tier. */
function usageOf(answer: AnthropicAnswer, outputTokens: number): Record<string, unknown> {
  return {
    input_tokens: answer.inputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}

function event(name: string, fields: Record<string, unknown>): AnthropicEvent {
  return { event: name, data: { type: name, ...fields } };
}

/** Splits JSON text into pieces of a few characters, as tool input streams in. */
function splitJson(json: string): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < json.length; start += jsonPieceLength) pieces.push(json.slice(start, start + jsonPieceLength));
  return pieces;
}

/** Characters per `input_json_delta`: a few tokens' worth. */
const jsonPieceLength = 12;
