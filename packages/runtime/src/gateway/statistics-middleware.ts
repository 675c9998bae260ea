import type { LanguageModelMiddlewareV1 } from '@synthkit/core';
import type { ModelStatistics } from '../engine/run-statistics';

/**
 * The outermost middleware: counts calls, cache hits, failed calls, tokens paid and tokens the
 * cache saved into the model's run statistics.
 */
export function createStatisticsMiddleware(statistics: ModelStatistics): LanguageModelMiddlewareV1 {
  return {
    specificationVersion: 'v1',
    name: 'statistics',
    async wrapGenerate({ doGenerate, call }) {
      statistics.calls++;
      let result;
      try {
        result = await doGenerate();
      } catch (error) {
        // A call cut short by a cancel or a reached limit did not fail.
        if (!call.signal.aborted) statistics.failedCalls++;
        throw error;
      }
      const { inputTokens = 0, outputTokens = 0, cachedInputTokens = 0 } = result.usage;
      if (call.trace.cached) {
        statistics.cacheHits++;
        statistics.savedInputTokens += inputTokens;
        statistics.savedOutputTokens += outputTokens;
      } else {
        statistics.inputTokens += inputTokens;
        statistics.outputTokens += outputTokens;
        statistics.cachedInputTokens += cachedInputTokens;
      }
      return result;
    },
  };
}
