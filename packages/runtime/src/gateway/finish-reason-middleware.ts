import type { LanguageModelMiddlewareV1, LanguageModelV1Result } from '@synthkit/core';
import type { ModelStatistics } from '../engine/run-statistics';
import type { EndpointSettings } from './endpoint-settings';
import { ModelCallError } from './model-call-error';

/**
 * Applies the endpoint's finish-reason policies to answers: a choice cut off at `max_tokens`
 * (`on_length`) or stopped by a content filter (`on_content_filter`) is kept, asked for once more,
 * or refused (the record becomes a reject with the reason). It sits inside the cache, so only
 * answers it accepts are stored.
 */
export function createFinishReasonMiddleware(
  reference: string,
  settings: EndpointSettings,
  statistics: ModelStatistics,
): LanguageModelMiddlewareV1 {
  const policyOf = (result: LanguageModelV1Result) => {
    const reasons = new Set(result.choices.map((choice) => choice.finishReason));
    for (const choice of result.choices) {
      if (choice.finishReason === 'length') statistics.truncated++;
      else if (choice.finishReason === 'content-filter') statistics.contentFiltered++;
    }
    if (reasons.has('content-filter') && settings.onContentFilter !== 'keep') {
      return { policy: settings.onContentFilter, what: 'was stopped by the provider\'s content filter (finish reason content-filter; endpoints.on_content_filter)' };
    }
    if (reasons.has('length') && settings.onLength !== 'keep') {
      return { policy: settings.onLength, what: 'was cut off at max_tokens (finish reason length; endpoints.on_length)' };
    }
    return undefined;
  };
  return {
    specificationVersion: 'v1',
    name: 'finish-reason',
    async wrapGenerate({ doGenerate, call }) {
      let result = await doGenerate();
      let verdict = policyOf(result);
      if (verdict?.policy === 'retry') {
        // A new request, not a replay of the refused answer from the cache.
        result = await doGenerate(undefined, { ...call, repeat: (call.repeat ?? 0) + 1 });
        verdict = policyOf(result);
        if (verdict != null) verdict = { policy: 'reject', what: `${verdict.what}, twice` };
      }
      if (verdict == null) return result;
      throw new ModelCallError({ model: reference, attempts: call.trace.attempts, kind: 'refused', message: `the answer ${verdict.what}.` });
    },
  };
}
