import { APICallError } from '@synthkit/core';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { parseRetryAfterSeconds } from './parse-retry-after';

/** What {@link toAPICallError} needs to know about the call that failed. */
export interface FailedCall {
  /** The endpoint, already without credentials. */
  readonly url: string;
  /** The time limit of one attempt, in milliseconds, for the timeout message. */
  readonly timeoutMs: number;
  /**
   * Texts that must never appear in an error (the API key, base-URL credentials, configured header
   * values); replaced by `[redacted]`.
   */
  readonly secrets: ReadonlyArray<string>;
  /** The raw body of an error response, by its headers (see `createErrorBodyRecorder`). */
  readonly bodyOf: (headers: Headers | undefined) => string | undefined;
  /** Where the API key came from, named when the server refuses it (401/403). */
  readonly keySource?: string;
}

/** Longest `responseBody` kept, in characters: enough for any API error message, bounded for logs. */
export const maxResponseBodyLength = 4096;

/**
 * Converts an openai SDK error into an `APICallError`, so the scheduler can decide on retries without
 * knowing the SDK. HTTP errors keep their status, body and `Retry-After`; connection errors and
 * timeouts have no status and are retryable. Secrets are redacted from messages and bodies, and the
 * SDK error is kept as `cause` only for connection errors whose messages hold no secret (HTTP errors
 * need none: everything useful is copied). Aborts and anything that is not an API error (a bug, an
 * invalid argument) are returned unchanged, to be rethrown as they are.
 */
export function toAPICallError(error: unknown, call: FailedCall): unknown {
  const redact = (text: string) => redactSecrets(text, call.secrets);
  if (error instanceof APIUserAbortError) return error;
  if (error instanceof APIConnectionError) {
    const messages = causeMessages(error);
    const reason =
      error instanceof APIConnectionTimeoutError
        ? `timed out after ${call.timeoutMs} ms (timeoutMs)`
        : `failed before any response: ${messages.join(': ')}`;
    const holdsSecret = messages.some((message) => redact(message) !== message);
    return new APICallError({
      message: `OpenAI API call to ${call.url} ${redact(reason)}`,
      url: call.url,
      ...(holdsSecret ? {} : { cause: error }),
    });
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const apiMessage = error.message.replace(/^\d{3} /, '');
    const body =
      call.bodyOf(error.headers) ?? (error.error === undefined ? undefined : JSON.stringify({ error: error.error }));
    const keyAdvice =
      (error.status === 401 || error.status === 403) && call.keySource != null
        ? `${/[.!?]$/.test(apiMessage) ? '' : '.'} The API key came from ${call.keySource}.`
        : '';
    return new APICallError({
      message: `OpenAI API call to ${call.url} failed with HTTP ${error.status}: ${redact(apiMessage)}${keyAdvice}`,
      url: call.url,
      statusCode: error.status,
      responseBody: body === undefined ? undefined : truncate(redact(body)),
      retryAfterSeconds: parseRetryAfterSeconds(error.headers),
      responseHeaders: responseHeadersOf(error.headers),
    });
  }
  if (error instanceof SyntaxError) {
    // The SDK parses a JSON 200 body itself; a body cut short or garbled fails there.
    return new APICallError({
      message: `OpenAI API call to ${call.url} answered with a body that is not valid JSON: ${error.message}`,
      url: call.url,
      statusCode: 200,
      isRetryable: true,
      cause: error,
    });
  }
  return error;
}

/** Response headers safe to keep: lower-case names, without cookies or anything that authenticates. */
export function responseHeadersOf(headers: Headers | undefined): Record<string, string> | undefined {
  if (headers == null) return undefined;
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!unsafeHeaders.has(name.toLowerCase())) kept[name.toLowerCase()] = value;
  });
  return kept;
}

// --- Internal helpers ---

const unsafeHeaders = new Set(['set-cookie', 'authorization', 'proxy-authorization', 'www-authenticate', 'cookie']);

/**
 * The messages along an error's `cause` chain, without repeats: the SDK's "Connection error." only
 * means something with undici's "fetch failed" and its cause, "connect ECONNREFUSED 127.0.0.1:8000".
 */
function causeMessages(error: Error): string[] {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const message = current.message.replace(/\.$/, '');
    if (message !== '' && !messages.includes(message)) messages.push(message);
    current = current.cause;
  }
  return messages;
}

/**
 * Replaces every secret, as written and as escaped inside a JSON string (response bodies are JSON), by
 * `[redacted]`; longest first, so a secret inside another leaves no tail behind.
 */
function redactSecrets(text: string, secrets: ReadonlyArray<string>): string {
  const forms = new Set(secrets.flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]));
  let redacted = text;
  for (const secret of [...forms].sort((first, second) => second.length - first.length)) {
    if (secret !== '') redacted = redacted.replaceAll(secret, '[redacted]');
  }
  return redacted;
}

function truncate(text: string): string {
  return text.length <= maxResponseBodyLength ? text : `${text.slice(0, maxResponseBodyLength)}…[truncated]`;
}
