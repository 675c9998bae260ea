import type { ServerResponse } from 'node:http';
import type { FaultKind } from '../fault-kind';
import { type AnthropicAnswer, eventText, messageBody, messageEvents } from './anthropic-wire-format';
import { gatewayErrorPage } from './gateway-error-page';
import { countWords } from './openai-wire-format';
import { sendText, startEvents } from './send-response';
import { fillerText, resetAfterWriting } from './write-fault';

/** The messages request a fault imitates the answer of. */
export interface AnthropicFaultTarget {
  readonly stream: boolean;
  /** The `model` of the request, echoed in the broken answer. */
  readonly model: string;
  /** The message id, e.g. `msg_testkit_3`. */
  readonly id: string;
  /** The input words of the request, for the `usage` of the answer it starts. */
  readonly inputTokens: number;
}

/**
 * Writes the broken answer of `fault` in Anthropic's format (see `anthropicFaultKinds`) to
 * `response`. A `stall` writes nothing: the response stays open until the client goes away or the
 * server closes.
 */
export function writeAnthropicFault(
  response: ServerResponse,
  fault: FaultKind,
  target: AnthropicFaultTarget,
  headers: Record<string, string>,
): void {
  const answer: AnthropicAnswer = {
    id: target.id,
    model: target.model,
    block: { type: 'text', text: fillerText },
    stopReason: 'end_turn',
    stopSequence: null,
    inputTokens: target.inputTokens,
    outputTokens: countWords(fillerText),
  };
  switch (fault) {
    case 'stall':
      return;
    case 'reset':
      if (target.stream) {
        startEvents(response, headers);
        resetAfterWriting(response, messageEvents(answer).slice(0, 2).map(eventText).join(''));
      } else {
        const json = JSON.stringify(messageBody(answer));
        response.writeHead(200, {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(json)),
        });
        resetAfterWriting(response, json.slice(0, Math.floor(json.length / 2)));
      }
      return;
    case 'truncated-stream':
      if (target.stream) {
        startEvents(response, headers);
        response.end(firstHalfOfStream(answer).map(eventText).join(''));
      } else {
        sendMalformedJson(response, answer, headers);
      }
      return;
    case 'malformed-json':
      sendMalformedJson(response, answer, headers);
      return;
    case 'html':
      sendText(response, 200, headers, 'text/html; charset=utf-8', gatewayErrorPage(502));
      return;
    default:
      throw new Error(`The Anthropic test server cannot play the fault "${fault}".`);
  }
}

// --- Internal helpers ---

/** The events of the answer up to the middle of its text: no block stop, message delta or message stop. */
function firstHalfOfStream(answer: AnthropicAnswer) {
  const events = messageEvents(answer);
  const firstDelta = events.findIndex((event) => event.event === 'content_block_delta');
  const blockStop = events.findIndex((event) => event.event === 'content_block_stop');
  return events.slice(0, firstDelta + Math.ceil((blockStop - firstDelta) / 2));
}

/** HTTP 200 JSON whose body stops a few characters into the answer text. */
function sendMalformedJson(response: ServerResponse, answer: AnthropicAnswer, headers: Record<string, string>): void {
  const json = JSON.stringify(messageBody(answer));
  sendText(response, 200, headers, 'application/json', json.slice(0, json.indexOf(fillerText) + 3));
}
