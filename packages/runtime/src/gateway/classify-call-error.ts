import { APICallError } from '@synthkit/core';

/** What a failed attempt means for the call and the run. */
export type CallErrorClass =
  /** Trying again may succeed: 408/409/429/5xx, network errors, timeouts, invalid answers. */
  | 'retryable'
  /** This record's request is wrong (e.g. too long for the model): fail the record, keep the run. */
  | 'permanent'
  /** Nothing will work until the user fixes the setup: a rejected key (401/403), an unknown model or URL (404). */
  | 'fatal';

/** Network failures Node and undici report by code, for providers that throw them as they are. */
const networkErrorCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/** Sorts a failed attempt by what can be done about it. */
export function classifyCallError(error: unknown): CallErrorClass {
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status === 401 || status === 403 || status === 404) return 'fatal';
    return error.isRetryable ? 'retryable' : 'permanent';
  }
  return isNetworkError(error) ? 'retryable' : 'permanent';
}

/** True for an answer that says the server is overloaded: 429, 503, or Anthropic's 529. */
export function isOverloadError(error: unknown): boolean {
  const status = APICallError.isInstance(error) ? error.statusCode : undefined;
  return status === 429 || status === 503 || status === 529;
}

/** True for an error with no HTTP answer at all: the server could not be reached, went away or stayed silent. */
export function isConnectionError(error: unknown): boolean {
  if (APICallError.isInstance(error)) return error.statusCode == null;
  return isNetworkError(error);
}

// --- Internal helpers ---

function isNetworkError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current != null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && networkErrorCodes.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
