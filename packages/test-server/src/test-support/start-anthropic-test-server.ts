/**
 * Test-only helpers for this package's own tests (not exported from the package): start an
 * Anthropic test server for the running test, closed when it finishes, and talk to it with the real
 * `@anthropic-ai/sdk`.
 */
import Anthropic from '@anthropic-ai/sdk';
import { onTestFinished } from 'vitest';
import {
  type AnthropicTestServer,
  type AnthropicTestServerOptions,
  createAnthropicTestServer,
} from '../create-anthropic-test-server';
import type { TestClientOptions } from './ask-test-server';

/** A server started for the running test, with an SDK client pointed at it. */
export interface StartedAnthropicTestServer {
  readonly server: AnthropicTestServer;
  readonly client: Anthropic;
}

/**
 * Starts a server for the running test, closed when the test finishes (pass or fail), with an SDK
 * client using the API key `test-key` and no retries unless `clientOptions` asks for some.
 */
export async function startAnthropicTestServer(
  options: AnthropicTestServerOptions = {},
  clientOptions: TestClientOptions = {},
): Promise<StartedAnthropicTestServer> {
  const server = await createAnthropicTestServer(options);
  onTestFinished(() => server.close());
  const client = new Anthropic({
    apiKey: 'test-key',
    baseURL: server.baseURL,
    maxRetries: clientOptions.maxRetries ?? 0,
    ...(clientOptions.timeout == null ? {} : { timeout: clientOptions.timeout }),
  });
  return { server, client };
}

/**
 * The body of a messages request asking `prompt` as the only user message (model `test-model`,
 * `max_tokens` 100), with `extra` fields such as `{ stream: true }`, for the SDK and raw calls alike.
 */
export function messagesBody<const Extra extends Record<string, unknown> = Record<never, never>>(
  prompt: string,
  extra?: Extra,
) {
  return {
    model: 'test-model',
    max_tokens: 100,
    messages: [{ role: 'user' as const, content: prompt }],
    ...(extra as Extra),
  };
}

/** POSTs `body` as JSON to `url` with the headers the API needs, and returns the response. */
export function postMessages(
  url: string,
  body: unknown,
  headers: Record<string, string> = { 'anthropic-version': '2023-06-01' },
): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** The server-sent events of a stream body: each event's name and parsed data, in order. */
export function parseEvents(text: string): Array<{ event: string; data: Record<string, unknown> }> {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? '';
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? 'null';
      return { event, data: JSON.parse(data) as Record<string, unknown> };
    });
}
