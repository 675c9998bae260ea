/**
 * Test-only helpers for the testkit's own tests (not exported from the package): start an OpenAI
 * test server for the running test, closed when it finishes, and talk to it with the real SDK.
 */
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
  const client = new OpenAI({ apiKey: 'test-key', baseURL: server.baseURL, maxRetries: clientOptions.maxRetries ?? 0 });
  return { server, client };
}

// --- Internal helpers ---

/** The server {@link askTestServer} started in the running test, if any. */
let serverOfRunningTest: StartedTestServer | undefined;
