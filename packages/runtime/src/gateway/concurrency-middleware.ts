import type { LanguageModelMiddlewareV1 } from '@synthkit/core';
import type { ModelStatistics } from '../engine/run-statistics';
import { isOverloadError } from './classify-call-error';
import type { ModelEndpoint } from './model-endpoint';

/**
 * The innermost middleware: each attempt takes a slot of the endpoint's request window and holds
 * it until the answer is in, so the endpoint never has more requests open than the window allows.
 * Deeper stages go first. Counts requests, retries and requests in flight; feeds the adaptive
 * window with latencies and overload answers.
 */
export function createConcurrencyMiddleware(endpoint: ModelEndpoint, statistics: ModelStatistics): LanguageModelMiddlewareV1 {
  const { window } = endpoint;
  return {
    specificationVersion: 'v1',
    name: 'concurrency',
    wrapGenerate({ doGenerate, params, call }) {
      const queuedAt = performance.now();
      return window.run(
        async () => {
          const startedAt = performance.now();
          call.trace.waitedMs += startedAt - queuedAt;
          if (call.trace.attempts > 0) statistics.retries++;
          call.trace.attempts++;
          statistics.requests++;
          statistics.inFlight++;
          try {
            const result = await doGenerate();
            endpoint.successes++;
            window.succeeded(performance.now() - startedAt);
            return result;
          } catch (error) {
            if (isOverloadError(error)) window.overloaded();
            throw error;
          } finally {
            statistics.inFlight--;
          }
        },
        call.depth,
        params.signal ?? call.signal,
      );
    },
  };
}
