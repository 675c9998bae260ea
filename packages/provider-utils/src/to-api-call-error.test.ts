import { APICallError } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { toAPICallError, type FailedCall } from './to-api-call-error';

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
const classes = { APIError, APIConnectionError, APIConnectionTimeoutError, APIUserAbortError };

const call: FailedCall = {
  provider: 'Example',
  url: 'http://127.0.0.1:9/v1',
  timeoutMs: 5000,
  secrets: ['sk-secret'],
  keySource: 'the EXAMPLE_API_KEY environment variable',
};

describe('toAPICallError', () => {
  it('keeps the status, body, safe headers and retry-after of an HTTP error, with secrets redacted', () => {
    const headers = new Headers({ 'retry-after': '7', 'set-cookie': 'session=1', 'x-request-id': 'r1' });
    const converted = toAPICallError(
      new APIError(429, { message: 'slow down, sk-secret' }, '429 slow down, sk-secret', headers),
      call,
      classes,
    ) as APICallError;
    expect(APICallError.isInstance(converted)).toBe(true);
    expect(converted).toMatchObject({
      message: 'Example API call to http://127.0.0.1:9/v1 failed with HTTP 429: slow down, [redacted]',
      statusCode: 429,
      isRetryable: true,
      retryAfterSeconds: 7,
      responseHeaders: { 'retry-after': '7', 'x-request-id': 'r1' },
      responseBody: '{"error":{"message":"slow down, [redacted]"}}',
    });
  });

  it("reads @anthropic-ai/sdk's errors, which keep the whole body and its message as apiMessage", () => {
    const body = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
    const anthropicError = Object.assign(new APIError(529, body, `529 ${JSON.stringify(body)}`, new Headers()), {
      apiMessage: 'Overloaded',
    });
    expect(toAPICallError(anthropicError, call, classes)).toMatchObject({
      message: 'Example API call to http://127.0.0.1:9/v1 failed with HTTP 529: Overloaded',
      statusCode: 529,
      isRetryable: true,
      responseBody: JSON.stringify(body),
    });
  });

  it('prefers the recorded raw body, and names where a refused key came from', () => {
    const headers = new Headers();
    const converted = toAPICallError(new APIError(401, undefined, '401 invalid key', headers), { ...call, bodyOf: (seen) => (seen === headers ? '<html>no</html>' : undefined) }, classes);
    expect(converted).toMatchObject({
      message: 'Example API call to http://127.0.0.1:9/v1 failed with HTTP 401: invalid key. The API key came from the EXAMPLE_API_KEY environment variable.',
      statusCode: 401,
      isRetryable: false,
      responseBody: '<html>no</html>',
    });
  });

  it('makes connection errors and timeouts retryable, dropping a cause that holds a secret', () => {
    const refused = new APIConnectionError('Connection error.', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') });
    expect(toAPICallError(refused, call, classes)).toMatchObject({
      message: 'Example API call to http://127.0.0.1:9/v1 failed before any response: Connection error: connect ECONNREFUSED 127.0.0.1:9',
      isRetryable: true,
      cause: refused,
    });
    const leaky = new APIConnectionError('Connection error.', { cause: new Error('bad header sk-secret') });
    const converted = toAPICallError(leaky, call, classes) as APICallError;
    expect(converted.message).toContain('[redacted]');
    expect(converted.cause).toBeUndefined();
    expect(toAPICallError(new APIConnectionTimeoutError('timed out'), call, classes)).toMatchObject({
      message: 'Example API call to http://127.0.0.1:9/v1 timed out after 5000 ms (timeoutMs)',
      isRetryable: true,
    });
  });

  it('makes a 200 whose JSON could not be parsed a retryable error', () => {
    expect(toAPICallError(new SyntaxError('Unexpected end of JSON input'), call, classes)).toMatchObject({ statusCode: 200, isRetryable: true });
  });

  it('returns aborts and errors that are not API errors unchanged', () => {
    const abort = new APIUserAbortError('aborted');
    const bug = new TypeError('x is undefined');
    expect(toAPICallError(abort, call, classes)).toBe(abort);
    expect(toAPICallError(bug, call, classes)).toBe(bug);
  });
});
