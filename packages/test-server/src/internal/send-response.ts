import type { ServerResponse } from 'node:http';

/** Sends a whole JSON response. */
export function sendJson(
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: unknown,
): void {
  response.writeHead(status, { ...headers, 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Sends a whole response whose body is `text` as is, e.g. an HTML page. */
export function sendText(
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  contentType: string,
  text: string,
): void {
  response.writeHead(status, { ...headers, 'content-type': contentType });
  response.end(text);
}

/** Starts a server-sent event stream: status 200 and its headers, no event yet. */
export function startEvents(response: ServerResponse, headers: Record<string, string>): void {
  response.writeHead(200, { ...headers, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
}

/** One server-sent event carrying `chunk` as JSON: `data: {...}` and a blank line. */
export function eventOf(chunk: unknown): string {
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** The event that ends an OpenAI stream. */
export const doneEvent = 'data: [DONE]\n\n';

/** Sends a whole server-sent event stream: one event per chunk, then `data: [DONE]`. */
export function sendEvents(
  response: ServerResponse,
  headers: Record<string, string>,
  chunks: ReadonlyArray<unknown>,
): void {
  startEvents(response, headers);
  for (const chunk of chunks) response.write(eventOf(chunk));
  response.end(doneEvent);
}
