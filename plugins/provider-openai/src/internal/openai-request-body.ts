import type { GenerationParams, LanguageModelV1Warning } from '@synthkit/core';

/**
 * The body of a chat or text completion request: the model, the input fields of the API
 * (`messages`, or `prompt`), the generation parameters under their wire names (only those set:
 * `temperature`, `top_p`, `max_tokens`, `seed`, `stop`, `n`), then `params.providerOptions.openai`
 * merged last, so its keys override. `topK` is not part of the OpenAI API and `stream` belongs to
 * the provider's setting: neither is sent, and a warning says so.
 */
export function openAIRequestBody({
  modelId,
  input,
  params,
  api,
}: {
  readonly modelId: string;
  /** The fields that carry the input: `{ messages }` or `{ prompt }`, and e.g. `response_format`. */
  readonly input: Readonly<Record<string, unknown>>;
  readonly params: GenerationParams;
  /** The API's name in warnings: `chat completions` or `completions`. */
  readonly api: string;
}): { body: Record<string, unknown>; warnings: LanguageModelV1Warning[] } {
  const warnings: LanguageModelV1Warning[] = [];
  const body: Record<string, unknown> = { model: modelId, ...input };
  setIfDefined(body, 'temperature', params.temperature);
  setIfDefined(body, 'top_p', params.topP);
  setIfDefined(body, 'max_tokens', params.maxTokens);
  setIfDefined(body, 'seed', params.seed);
  setIfDefined(body, 'stop', params.stop === undefined ? undefined : [...params.stop]);
  setIfDefined(body, 'n', params.n);
  if (params.topK !== undefined) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'topK',
      message:
        `The OpenAI ${api} API has no top-k sampling, so topK was not sent. ` +
        'For servers that support it (vLLM), pass it as providerOptions.openai.top_k (provider_options in a recipe).',
    });
  }
  for (const [key, value] of Object.entries(params.providerOptions?.['openai'] ?? {})) {
    if (key === 'stream' || key === 'stream_options') {
      warnings.push({
        type: 'other',
        setting: `providerOptions.openai.${key}`,
        message: `providerOptions.openai.${key} was not sent: streaming is the provider's "stream" setting.`,
      });
      continue;
    }
    body[key] = value;
  }
  return { body, warnings };
}

// --- Internal helpers ---

function setIfDefined(body: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) body[key] = value;
}
