import type { LanguageModelMiddlewareV1 } from '@synthkit/core';
import { classifyCallError, isConnectionError } from './classify-call-error';
import { ModelCallError } from './model-call-error';
import type { ModelEndpoint } from './model-endpoint';
import { retryDelay } from './retry-delay';
import { RunStoppedError } from './run-stopped-error';
import { sleep } from './sleep';

/**
 * The one place requests are retried (providers do not retry on their own). A retryable failure
 * (408/409/429/5xx, network errors, timeouts, an invalid answer) is tried again after an
 * exponential backoff with full jitter, honouring `retry-after`, up to the endpoint's
 * `max_attempts`. A request the endpoint refuses for good (another 4xx) fails its record at once.
 * Errors no retry can fix (401/403, 404, an endpoint never reached) stop the whole run through
 * `stop`, since every other record would meet them too.
 */
export function createRetryMiddleware({
  reference,
  endpoint,
  stop,
  random = Math.random,
}: {
  reference: string;
  endpoint: ModelEndpoint;
  /** Stops the run, keeping what is done. */
  stop: (error: RunStoppedError) => void;
  /** Random numbers in [0, 1) for the jitter. */
  random?: () => number;
}): LanguageModelMiddlewareV1 {
  return {
    specificationVersion: 'v1',
    name: 'retry',
    async wrapGenerate({ doGenerate, call }) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await doGenerate();
        } catch (error) {
          if (call.signal.aborted) throw error;
          const message = error instanceof Error ? error.message : String(error);
          const kind = classifyCallError(error);
          if (kind === 'fatal') {
            stop(new RunStoppedError({ reason: 'fatal-error', message: fatalMessage(endpoint, message), cause: error }));
            throw error;
          }
          if (kind === 'permanent') {
            throw new ModelCallError({ model: reference, attempts: call.trace.attempts, kind: 'failed', message, cause: error });
          }
          if (attempt >= endpoint.settings.maxAttempts) {
            if (endpoint.successes === 0 && isConnectionError(error)) {
              stop(
                new RunStoppedError({
                  reason: 'fatal-error',
                  message:
                    `Cannot reach ${endpoint.label}: no request has been answered, ${attempt} attempts failed. ` +
                    `The last error: ${message}. Check that the server is running and that the base URL is right.`,
                  cause: error,
                }),
              );
              throw error;
            }
            throw new ModelCallError({
              model: reference,
              attempts: call.trace.attempts,
              kind: 'failed',
              message: `no usable answer after ${attempt} attempts (endpoints.max_attempts); the last: ${message}`,
              cause: error,
            });
          }
          const retryAfterSeconds = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
          const delay = retryDelay(attempt, retryAfterSeconds, endpoint.settings.maxRetryAfterMs, random());
          endpoint.retrying++;
          try {
            await sleep(delay, call.signal);
          } finally {
            endpoint.retrying--;
          }
        }
      }
    },
  };
}

// --- Internal helpers ---

function fatalMessage(endpoint: ModelEndpoint, message: string): string {
  const status = /HTTP (\d{3})/.exec(message)?.[1];
  const advice =
    status === '404'
      ? 'Check the model id and the base URL (a server that does not serve this model answers 404).'
      : 'Check the API key: the endpoint refused it.';
  return `${endpoint.label} refused the request, and every other request would meet the same answer: ${message} ${advice}`;
}
