import { APICallError } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { toSdkCallError } from './to-sdk-call-error';

// The shapes of a Stainless-generated SDK's errors (openai, @anthropic-ai/sdk).
class APIError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly error: unknown,
    message: string,
    readonly headers: Headers | undefined,
  ) {
    super(message);
  }
}
class APIConnectionError extends Error {}
class APIConnectionTimeoutError extends APIConnectionError {}
class APIUserAbortError extends Error {}
const sdk = { APIError, APIConnectionError, APIConnectionTimeoutError, APIUserAbortError };

const client = { apiKey: 'sk-secret-key-123456', baseURL: 'https://user:pass@api.example.com/v1', timeout: 1000 };
const failure = { provider: 'Example', url: 'https://api.example.com/v1/chat/completions', signal: undefined, client, sdk: async () => sdk };

describe('toSdkCallError', () => {
  it('returns an abort and a provider APICallError as they are', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    const abort = new Error('aborted');
    expect(await toSdkCallError(abort, { ...failure, signal: controller.signal })).toBe(abort);
    const own = new APICallError({ message: 'not a completion', url: failure.url, isRetryable: true });
    expect(await toSdkCallError(own, failure)).toBe(own);
  });

  it("converts the SDK's errors, without the key or the base URL's credentials", async () => {
    const message = `401 Incorrect API key provided: ${client.apiKey}`;
    const refused = new APIError(401, { message: `Incorrect API key provided: ${client.apiKey}` }, message, new Headers());
    const converted = await toSdkCallError(refused, { ...failure, keySource: 'the EXAMPLE_KEY environment variable' });
    expect(converted).toMatchObject({ statusCode: 401, isRetryable: false });
    const text = `${(converted as Error).message} ${(converted as APICallError).responseBody ?? ''}`;
    expect(text).not.toContain(client.apiKey);
    expect(text).toContain('EXAMPLE_KEY');
  });
});
