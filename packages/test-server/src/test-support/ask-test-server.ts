/**
 * Test-only helpers for this package's own tests (not exported from the package): start an OpenAI
 * test server for the running test, closed when it finishes, and talk to it with the real SDK.
 */
import { request as httpRequest } from 'node:http';
import OpenAI from 'openai';
import { onTestFinished } from 'vitest';
import {
  createOpenAITestServer,
  type OpenAITestServer,
  type OpenAITestServerOptions,
} from '../create-openai-test-server';

/** A server started for the running test, with an SDK client pointed at it. */
export interface StartedTestServer {
  readonly server: OpenAITestServer;
  readonly client: OpenAI;
}

/** How the SDK client of {@link startTestServer} behaves. */
export interface TestClientOptions {
  /** Retries the SDK makes on retryable errors; `0` unless given, so failures surface at once. */
  readonly maxRetries?: number;
  /** The SDK's request timeout, in milliseconds. Default: the SDK's (10 minutes). */
  readonly timeout?: number;
}

/** What {@link postRaw} saw of one response, however it ended. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body bytes received before the response ended or failed, as UTF-8 text. */
  readonly body: string;
  /** Why the response failed mid-body (e.g. code `ECONNRESET`); `undefined` when it ended cleanly. */
  readonly error: NodeJS.ErrnoException | undefined;
}

/**
 * Asks one chat prompt (as the only user message, model `test-model`) and returns the first
 * choice's content, or `''` when there is none. The first call in a test starts a server with
 * `options`; later calls in the same test reuse it and ignore their `options`.
 */
export async function askTestServer(options: OpenAITestServerOptions, prompt: string): Promise<string> {
  serverOfRunningTest ??= await startTestServer(options);
  const completion = await serverOfRunningTest.client.chat.completions.create({
    model: 'test-model',
    messages: [{ role: 'user', content: prompt }],
  });
  return completion.choices[0]?.message.content ?? '';
}

/**
 * Starts a server for the running test, closed when the test finishes (pass or fail), with an SDK
 * client using the API key `test-key`.
 */
export async function startTestServer(
  options: OpenAITestServerOptions = {},
  clientOptions: TestClientOptions = {},
): Promise<StartedTestServer> {
  const server = await createOpenAITestServer(options);
  onTestFinished(async () => {
    if (serverOfRunningTest?.server === server) serverOfRunningTest = undefined;
    await server.close();
  });
  const client = new OpenAI({
    apiKey: 'test-key',
    baseURL: server.baseURL,
    maxRetries: clientOptions.maxRetries ?? 0,
    ...(clientOptions.timeout == null ? {} : { timeout: clientOptions.timeout }),
  });
  return { server, client };
}

/**
 * The body of a chat request asking `prompt` as the only user message (model `test-model`), with
 * `extra` fields such as `{ stream: true }`, for raw `fetch`/`postRaw` calls and the SDK alike.
 */
export function chatBody<const Extra extends Record<string, unknown> = Record<never, never>>(
  prompt: string,
  extra?: Extra,
) {
  return { model: 'test-model', messages: [{ role: 'user' as const, content: prompt }], ...(extra as Extra) };
}

/**
 * POSTs `body` as JSON with `node:http`, which (unlike `fetch`) shows what arrived before a
 * connection broke mid-body: the status, the headers, the partial body and the socket error.
 */
export function postRaw(url: string, body: unknown): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let error: NodeJS.ErrnoException | undefined;
    let responded = false;
    const headers = { 'content-type': 'application/json' };
    const outgoing = httpRequest(url, { method: 'POST', headers }, (incoming) => {
      responded = true;
      const parts: Buffer[] = [];
      incoming.on('data', (part: Buffer) => parts.push(part));
      incoming.on('error', (caught: NodeJS.ErrnoException) => {
        error ??= caught;
      });
      incoming.on('close', () => {
        const body = Buffer.concat(parts).toString('utf8');
        resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body, error });
      });
    });
    // A connection broken mid-body fails the request object too; only fail before a response came.
    outgoing.on('error', (caught: NodeJS.ErrnoException) => {
      if (responded) error ??= caught;
      else reject(caught);
    });
    outgoing.end(JSON.stringify(body));
  });
}

/** Polls until `condition` holds; resolves to false if it never does within the test's patience. */
export async function waitUntil(condition: () => boolean): Promise<boolean> {
  for (let attempt = 0; attempt < 500; attempt++) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return false;
}

// --- Internal helpers ---

/** The server {@link askTestServer} started in the running test, if any. */
let serverOfRunningTest: StartedTestServer | undefined;
