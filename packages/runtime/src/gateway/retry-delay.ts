/** Base of the exponential backoff, in milliseconds: the first retry waits up to this long. */
export const retryBaseDelayMs = 500;
/** The longest backoff between two attempts, in milliseconds. */
export const retryMaxDelayMs = 30_000;

/**
 * How long to wait before attempt `attempt + 1`, in milliseconds: exponential backoff with full
 * jitter (a uniform draw between 0 and `base · 2^(attempt-1)`, capped), so clients that failed
 * together do not retry together. A `retry-after` from the server is honoured as a minimum, cut to
 * `maxRetryAfterMs`.
 *
 * @param attempt Attempts made so far (1 after the first failure).
 * @param retryAfterSeconds What the server asked for, if anything.
 * @param random A number in [0, 1).
 */
export function retryDelay(attempt: number, retryAfterSeconds: number | undefined, maxRetryAfterMs: number, random: number): number {
  const ceiling = Math.min(retryMaxDelayMs, retryBaseDelayMs * 2 ** (attempt - 1));
  const jittered = random * ceiling;
  if (retryAfterSeconds == null) return jittered;
  return Math.max(Math.min(retryAfterSeconds * 1000, maxRetryAfterMs), jittered);
}
