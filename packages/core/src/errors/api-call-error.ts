import { SynthkitError } from './synthkit-error';

const name = 'SYNTHKIT_APICallError';
const marker = `synthkit.error.${name}`;
const symbol = Symbol.for(marker);

/**
 * A model API call failed. Providers convert their SDK's errors into this one so the scheduler can
 * decide on retries without knowing the SDK.
 */
export class APICallError extends SynthkitError {
  private readonly [symbol] = true;

  /** The endpoint that was called. Never contains credentials. */
  readonly url: string | undefined;
  /** HTTP status, when the server answered. Undefined for network errors and timeouts. */
  readonly statusCode: number | undefined;
  /** The response body as text, when there was one (truncated by providers to a few KB). */
  readonly responseBody: string | undefined;
  /** Seconds to wait before retrying, from the server's `Retry-After` / `retry-after-ms` headers. */
  readonly retryAfterSeconds: number | undefined;
  /**
   * The response headers (lower-case names), when the server answered. Providers leave out headers
   * that can carry credentials (`set-cookie`, `authorization`). The scheduler reads rate-limit
   * headers from them.
   */
  readonly responseHeaders: Readonly<Record<string, string>> | undefined;
  /**
   * Whether trying again may succeed. Defaults to true for 408, 409, 429, 5xx and for network
   * errors and timeouts (no status); false for any other 4xx.
   */
  readonly isRetryable: boolean;

  constructor({
    message,
    url,
    statusCode,
    responseBody,
    retryAfterSeconds,
    responseHeaders,
    isRetryable = statusCode == null || isRetryableStatus(statusCode),
    cause,
  }: {
    message: string;
    url?: string;
    statusCode?: number;
    responseBody?: string;
    retryAfterSeconds?: number;
    responseHeaders?: Readonly<Record<string, string>>;
    isRetryable?: boolean;
    cause?: unknown;
  }) {
    super({ name, message, cause });
    this.url = url;
    this.statusCode = statusCode;
    this.responseBody = responseBody;
    this.retryAfterSeconds = retryAfterSeconds;
    this.responseHeaders = responseHeaders;
    this.isRetryable = isRetryable;
  }

  static override isInstance(error: unknown): error is APICallError {
    return SynthkitError.hasMarker(error, marker);
  }
}

/** 408 timeout, 409 conflict, 429 rate limit and every 5xx are worth retrying. */
export function isRetryableStatus(statusCode: number): boolean {
  return statusCode === 408 || statusCode === 409 || statusCode === 429 || statusCode >= 500;
}
