import { APICallError, type LanguageModelMiddlewareV1, type LanguageModelV1CallOptions } from '@synthkit/core';
import type { ModelEndpoint } from './model-endpoint';

/**
 * Paces requests by the endpoint's request and token budgets: waits (in arrival order) until the
 * budgets allow the request, reserves its expected cost, and corrects it with the real usage and
 * the rate-limit headers of the answer.
 */
export function createRateLimitMiddleware(endpoint: ModelEndpoint): LanguageModelMiddlewareV1 {
  const { budget } = endpoint;
  return {
    specificationVersion: 'v1',
    name: 'rate-limit',
    async wrapGenerate({ doGenerate, params, call }) {
      const choices = params.params.n ?? 1;
      if (budget.unlimited) {
        const result = await doGenerate();
        if (result.rateLimit != null) budget.observe(result.rateLimit);
        endpoint.observeOutputTokens(result.usage.outputTokens, result.choices.length);
        return result;
      }
      const cost = {
        inputTokens: estimateInputTokens(params),
        outputTokens: endpoint.expectedOutputTokens(params.params.maxTokens, choices),
      };
      const waitStart = performance.now();
      await budget.acquire(cost, call.signal);
      call.trace.waitedMs += performance.now() - waitStart;
      try {
        const result = await doGenerate();
        budget.settle(cost, result.usage);
        if (result.rateLimit != null) budget.observe(result.rateLimit);
        endpoint.observeOutputTokens(result.usage.outputTokens, result.choices.length);
        return result;
      } catch (error) {
        // An answered request counted against the request budget; one that never reached the
        // server (or was refused by it) used no tokens.
        if (APICallError.isInstance(error) && error.statusCode != null) budget.settle(cost, { inputTokens: 0, outputTokens: 0 });
        else budget.refund(cost);
        throw error;
      }
    },
  };
}

// --- Internal helpers ---

/** Roughly four characters per token, the usual rule of thumb for English text and BPE tokenizers. */
function estimateInputTokens(params: LanguageModelV1CallOptions): number {
  let characters = params.prompt?.length ?? 0;
  for (const message of params.messages ?? []) characters += message.content.length + 16;
  return Math.ceil(characters / 4);
}
