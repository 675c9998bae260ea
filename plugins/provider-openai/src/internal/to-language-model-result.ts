import type { FinishReason, LanguageModelV1Result, LanguageModelV1Warning } from '@synthkit/core';
import { parseOpenAIRateLimitHeaders } from '@synthkit/provider-utils';
import type { CompletionChoices } from './completion-choices';

/**
 * The result of a chat or text completion call: the choices in `index` order (servers may send them
 * in any order) with their finish reasons, the usage as reported (counts the server left out stay
 * `undefined`), the model that answered and the request id (`x-request-id`, else the completion
 * id), the rate-limit state of the `x-ratelimit-*` headers, the warnings, and `raw`.
 */
export function toLanguageModelResult({
  completion,
  headers,
  warnings,
  raw,
}: {
  readonly completion: CompletionChoices;
  readonly headers: Headers;
  readonly warnings: ReadonlyArray<LanguageModelV1Warning>;
  /** The response body, or the body rebuilt from a stream. */
  readonly raw: unknown;
}): LanguageModelV1Result {
  const rateLimit = parseOpenAIRateLimitHeaders(headers);
  const requestId = headers.get('x-request-id') ?? completion.id;
  return {
    choices: inIndexOrder(completion.choices).map((choice) => ({
      text: choice.text ?? '',
      finishReason: finishReasonOf(choice.finishReason),
    })),
    usage: {
      inputTokens: completion.usage?.prompt_tokens,
      outputTokens: completion.usage?.completion_tokens,
      cachedInputTokens: completion.usage?.prompt_tokens_details?.cached_tokens,
    },
    response: {
      ...(typeof completion.model === 'string' ? { modelId: completion.model } : {}),
      ...(typeof requestId === 'string' ? { requestId } : {}),
    },
    ...(rateLimit === undefined ? {} : { rateLimit }),
    ...(warnings.length === 0 ? {} : { warnings }),
    raw,
  };
}

// --- Internal helpers ---

/** The choices by their `index`; one choice needs no sort. */
function inIndexOrder<Choice extends { readonly index: number }>(choices: ReadonlyArray<Choice>): ReadonlyArray<Choice> {
  return choices.length < 2 ? choices : [...choices].sort((first, second) => first.index - second.index);
}

function finishReasonOf(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content-filter';
    default:
      return 'other';
  }
}
