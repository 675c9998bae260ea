import type { LanguageModelV1Request } from '@synthkit/core';
import { OpenAIBatchApi } from '../openai-batch-api';
import type { OpenAIModelConfig } from '../openai-model-config';
import { checkCompletionBody } from './check-completion-body';
import type { CompletionApi } from './send-completion-request';
import { toLanguageModelResult } from './to-language-model-result';

/**
 * The Batch API of a chat or text completion model: its jobs call `url` with the bodies the model
 * sends online (`bodyOf`), and each answer line is read as `api` reads a whole (non-streamed) answer.
 */
export function createCompletionBatchApi<Completion>(
  api: CompletionApi<Completion, never>,
  options: {
    readonly config: OpenAIModelConfig;
    /** The model's base URL, without credentials. */
    readonly endpoint: string;
    readonly url: '/v1/chat/completions' | '/v1/completions';
    readonly bodyOf: (request: LanguageModelV1Request) => Record<string, unknown>;
  },
): OpenAIBatchApi {
  const { config, endpoint, url, bodyOf } = options;
  return new OpenAIBatchApi({
    ...config,
    endpoint,
    url,
    bodyOf,
    resultOf: (body) => {
      const completion = checkCompletionBody<Completion>(body, { url: `${endpoint}/batches`, status: 200, what: api.what });
      return toLanguageModelResult({ completion: api.choicesOf(completion), headers: new Headers(), warnings: [], raw: completion });
    },
  });
}
