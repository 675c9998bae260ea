/**
 * Test-only helpers for this package's own tests (not exported from the package).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, onTestFinished } from 'vitest';

/** The error a call fails with (the test fails if it succeeds). */
export async function failureOf(call: PromiseLike<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** A raw server's answer to one request: status, body (a string is sent as it is) and headers. */
export interface RawAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Starts a server for the running test (closed when it finishes) that answers every request with
 * one fixed response, for payloads the test server never sends: a string body is sent as it is,
 * with the content type the test gives (HTML by default), anything else as JSON. Pass a function
 * to answer each request from its parsed JSON body. Resolves to the base URL (`.../v1`).
 */
export async function startRawServer(
  answer: RawAnswer | ((body: unknown) => RawAnswer),
): Promise<string> {
  const server = createServer(async (request, response) => {
    const body = JSON.parse((await readBody(request)) || 'null') as unknown;
    const { status, body: answerBody, headers = {} } = typeof answer === 'function' ? answer(body) : answer;
    const isText = typeof answerBody === 'string';
    response.writeHead(status, { 'content-type': isText ? 'text/html' : 'application/json', ...headers });
    response.end(isText ? answerBody : JSON.stringify(answerBody));
  });
  onTestFinished(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

/** The messages along an error's `cause` chain, joined, to check that no secret is anywhere in it. */
export function causeChainText(error: unknown): string {
  const parts: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) parts.push(current.message);
  return parts.join(' | ');
}

/** Polls until `condition` holds; fails the test if it never does. */
export async function waitUntil(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 500 && !condition(); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(condition()).toBe(true);
}

// --- Internal helpers ---

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    request.on('error', reject);
  });
}
