import type { ServerResponse } from 'node:http';
import type { FaultKind } from '../fault-kind';
import { gatewayErrorPage } from './gateway-error-page';
import {
  chatCompletionBody,
  chatCompletionChunks,
  type CompletionEnvelope,
  textCompletionBody,
  textCompletionChunks,
  usageOf,
} from './openai-wire-format';
import { doneEvent, eventOf, sendJson, sendText, startEvents } from './send-response';

/** The request a fault imitates the answer of. */
export interface FaultTarget {
  readonly kind: 'chat' | 'completion';
  readonly stream: boolean;
  /** The `model` of the request, echoed in the broken answer. */
  readonly model: string;
  /** The response id, e.g. `chatcmpl-testkit-3`. */
  readonly id: string;
  /** The texts that count as prompt tokens, for the `usage` of the bodies that have one. */
  readonly promptTexts: ReadonlyArray<string>;
}

/** The answer text every broken answer starts to send, in every wire format. */
export const fillerText = 'This answer was cut short by a fault the test server injected on purpose.';

/**
 * Writes `part` (after the status and headers, already written), then resets the connection a
 * moment after it was flushed: an RST, so the client reads `ECONNRESET` rather than a clean end.
 */
export function resetAfterWriting(response: ServerResponse, part: string): void {
  response.write(part, () => {
    setTimeout(() => {
      const socket = response.socket;
      if (socket != null && !socket.destroyed) socket.resetAndDestroy();
    }, resetDelayMs);
  });
}

/**
 * Writes the broken answer of `fault` (see `FaultKind`) to `response`. A `stall` writes nothing: the
 * response stays open until the client goes away or the server closes. A `reset` resets the
 * connection a moment after its partial body was flushed.
 */
export function writeFault(
  response: ServerResponse,
  fault: FaultKind,
  target: FaultTarget,
  headers: Record<string, string>,
): void {
  const envelope = fillerEnvelope(target);
  switch (fault) {
    case 'stall':
      return;
    case 'reset':
      writeReset(response, target, envelope, headers);
      return;
    case 'truncated-stream':
      if (target.stream) {
        startEvents(response, headers);
        const chunks = streamChunks(target, envelope);
        // The finish event, usage and [DONE] are what a cut stream lacks; keep the first half.
        response.end(chunks.slice(0, Math.ceil((chunks.length - 1) / 2)).map(eventOf).join(''));
      } else {
        sendMalformedJson(response, target, envelope, headers);
      }
      return;
    case 'malformed-json':
      sendMalformedJson(response, target, envelope, headers);
      return;
    case 'html':
      sendText(response, 200, headers, htmlContentType, gatewayErrorPage(502));
      return;
    case 'empty-choices':
    case 'missing-choices': {
      // No answer, so no completion tokens either.
      const unanswered = { ...envelope, usage: usageOf(target.promptTexts, []) };
      const body =
        fault === 'empty-choices'
          ? { ...fullBody(target, unanswered), choices: [] }
          : withoutChoices(target, unanswered);
      if (target.stream) sendChoicelessEvents(response, target, body, headers);
      else sendJson(response, 200, headers, body);
      return;
    }
  }
}

// --- Internal helpers ---

/** The content type of HTML pages. */
const htmlContentType = 'text/html; charset=utf-8';

/** How long a `reset` waits after flushing its partial body, in milliseconds, so the client reads it first. */
const resetDelayMs = 10;

function fillerEnvelope(target: FaultTarget): CompletionEnvelope {
  const choices = [{ text: fillerText, finishReason: 'stop' as const }];
  return {
    id: target.id,
    created: Math.floor(Date.now() / 1000),
    model: target.model,
    choices,
    usage: usageOf(target.promptTexts, choices),
  };
}

function fullBody(target: FaultTarget, envelope: CompletionEnvelope): Record<string, unknown> {
  return target.kind === 'chat' ? chatCompletionBody(envelope) : textCompletionBody(envelope);
}

function withoutChoices(target: FaultTarget, envelope: CompletionEnvelope): Record<string, unknown> {
  const { choices: _choices, ...rest } = fullBody(target, envelope);
  return rest;
}

function streamChunks(target: FaultTarget, envelope: CompletionEnvelope): Record<string, unknown>[] {
  return target.kind === 'chat' ? chatCompletionChunks(envelope, false) : textCompletionChunks(envelope, false);
}

/** Two events shaped like `body` (an empty or missing `choices`, no `usage`), then `data: [DONE]`. */
function sendChoicelessEvents(
  response: ServerResponse,
  target: FaultTarget,
  body: Record<string, unknown>,
  headers: Record<string, string>,
): void {
  const { usage: _usage, ...fields } = body;
  const chunk = { ...fields, object: target.kind === 'chat' ? 'chat.completion.chunk' : 'text_completion' };
  startEvents(response, headers);
  response.end(eventOf(chunk) + eventOf(chunk) + doneEvent);
}

/** HTTP 200 JSON whose body stops a few characters into the answer text. */
function sendMalformedJson(
  response: ServerResponse,
  target: FaultTarget,
  envelope: CompletionEnvelope,
  headers: Record<string, string>,
): void {
  const json = JSON.stringify(fullBody(target, envelope));
  sendText(response, 200, headers, 'application/json', json.slice(0, json.indexOf(fillerText) + 3));
}

/**
 * Sends the status, the headers (with the full `content-length` for JSON) and part of the body,
 * then resets the connection: an RST, so the client reads `ECONNRESET` rather than a clean end.
 */
function writeReset(
  response: ServerResponse,
  target: FaultTarget,
  envelope: CompletionEnvelope,
  headers: Record<string, string>,
): void {
  let part: string;
  if (target.stream) {
    startEvents(response, headers);
    part = streamChunks(target, envelope).slice(0, 2).map(eventOf).join('');
  } else {
    const json = JSON.stringify(fullBody(target, envelope));
    response.writeHead(200, {
      ...headers,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(json)),
    });
    part = json.slice(0, Math.floor(json.length / 2));
  }
  resetAfterWriting(response, part);
}
