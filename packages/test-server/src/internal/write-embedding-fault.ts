import type { ServerResponse } from 'node:http';
import type { FaultKind } from '../fault-kind';
import { countWords } from './openai-wire-format';
import { embeddingListBody, embeddingVector } from './embedding-wire-format';
import { gatewayErrorPage } from './gateway-error-page';
import { sendJson, sendText } from './send-response';

/** The embedding request a fault imitates the answer of. */
export interface EmbeddingFaultTarget {
  readonly kind: 'embedding';
  readonly model: string;
  readonly inputs: ReadonlyArray<string>;
  readonly dimensions: number;
  readonly encodingFormat: 'float' | 'base64';
}

/**
 * Writes the broken answer of `fault` to an embedding request. Embeddings never stream, so
 * `truncated-stream` is `malformed-json`; `empty-choices` and `missing-choices` are an empty and a
 * missing `data` list. A `stall` writes nothing; a `reset` sends the headers and half the body,
 * then resets the connection.
 */
export function writeEmbeddingFault(
  response: ServerResponse,
  fault: FaultKind,
  target: EmbeddingFaultTarget,
  headers: Record<string, string>,
): void {
  const body = embeddingListBody({
    model: target.model,
    vectors: target.inputs.map((text) => embeddingVector(text, target.dimensions)),
    encodingFormat: target.encodingFormat,
    promptTokens: target.inputs.reduce((sum, text) => sum + countWords(text), 0),
  });
  const json = JSON.stringify(body);
  switch (fault) {
    case 'stall':
      return;
    case 'reset':
      response.writeHead(200, {
        ...headers,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(json)),
      });
      response.write(json.slice(0, Math.floor(json.length / 2)), () => {
        // After a moment, so the client reads the partial body before the RST.
        setTimeout(() => {
          const socket = response.socket;
          if (socket != null && !socket.destroyed) socket.resetAndDestroy();
        }, resetDelayMs);
      });
      return;
    case 'truncated-stream':
    case 'malformed-json':
      sendText(response, 200, headers, 'application/json', json.slice(0, Math.floor(json.length / 2)));
      return;
    case 'html':
      sendText(response, 200, headers, 'text/html; charset=utf-8', gatewayErrorPage(502));
      return;
    case 'empty-choices':
      sendJson(response, 200, headers, { ...body, data: [] });
      return;
    case 'missing-choices': {
      const { data: _data, ...rest } = body;
      sendJson(response, 200, headers, rest);
      return;
    }
  }
}

// --- Internal helpers ---

/** How long a `reset` waits after flushing its partial body, in milliseconds, so the client reads it first. */
const resetDelayMs = 10;
