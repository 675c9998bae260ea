import type { LanguageModelMiddlewareV1, LanguageModelV1, LanguageModelV1CallOptions, ModelCallContextV1 } from '@synthkit/core';
import { responseCacheKey, type ResponseCache } from './response-cache';

/**
 * Replays stored answers and stores new ones. With `read: false` (`--no-cache`) every request is
 * sent again, and its answer still stored, so a later `--resume` replays it.
 */
export function createCacheMiddleware(cache: ResponseCache, { read }: { readonly read: boolean }): LanguageModelMiddlewareV1 {
  return {
    specificationVersion: 'v1',
    name: 'cache',
    async wrapGenerate({ doGenerate, params, model, call }) {
      const key = callCacheKey(model, params, call);
      if (read) {
        const stored = cache.get(key);
        if (stored != null) {
          call.trace.cached = true;
          return stored;
        }
      }
      const result = await doGenerate();
      await cache.put(key, {
        choices: result.choices.map(({ text, finishReason }) => ({ text, finishReason })),
        // Only the counts the endpoint reported: unknown stays unknown (absent), never 0.
        usage: Object.fromEntries(Object.entries(result.usage).filter(([, count]) => count != null)) as typeof result.usage,
        ...(result.response == null ? {} : { response: result.response }),
      });
      return result;
    },
  };
}

/**
 * The response-cache key of a call (see `responseCacheKey`). Batch jobs use it as the custom id of
 * the call's request: it is the same in every run of the recipe, so a resumed run finds its calls
 * in the jobs an earlier session submitted.
 */
export function callCacheKey(model: LanguageModelV1, params: LanguageModelV1CallOptions, call: ModelCallContextV1): string {
  return responseCacheKey({
    provider: model.provider,
    modelId: model.modelId,
    // Only when set, so the keys of models without one stay what they were.
    ...(model.variant == null ? {} : { variant: model.variant }),
    input: params.messages ?? params.prompt,
    params: params.params,
    responseFormat: params.responseFormat ?? null,
    recordId: call.recordId,
    stage: call.stage,
    ordinal: call.ordinal,
    part: call.part,
    repeat: call.repeat,
  });
}
