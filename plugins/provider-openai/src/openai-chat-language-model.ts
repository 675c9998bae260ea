import {
  APICallError,
  type FinishReason,
  type LanguageModelV1,
  type LanguageModelV1CallOptions,
  type LanguageModelV1Result,
  type LanguageModelV1Warning,
} from '@synthkit/core';
import { credentialSecrets, parseOpenAIRateLimitHeaders, redactURL, toAPICallError } from '@synthkit/provider-utils';
import OpenAI from 'openai';
import { readStreamedCompletion } from './internal/read-streamed-completion';

/** What an {@link OpenAIChatLanguageModel} needs; `createOpenAI` builds it from the settings. */
export interface OpenAIChatLanguageModelConfig {
  /**
   * The configured openai SDK client. The model calls only `chat.completions.create`, and reads the
   * client's `baseURL`, `timeout` and `apiKey` to describe errors (the key is redacted from them).
   * Its `maxRetries` should be 0: the synthkit engine retries.
   */
  readonly client: OpenAI;
  /**
   * Further texts that must never appear in an error, besides the client's API key and any
   * credentials in its base URL; each is replaced by `[redacted]`. `createOpenAI` passes the value
   * of every configured header, since users put gateway tokens there. Default: none.
   */
  readonly secrets?: ReadonlyArray<string>;
  /**
   * The raw body of an error response, found by the response's headers. The SDK keeps only the
   * parsed `error` member of an error body; `createOpenAI` records the full text with a fetch
   * wrapper. Default: the body is rebuilt from that `error` member.
   */
  readonly errorBodyOf?: (headers: Headers | undefined) => string | undefined;
  /** Stream answers (see the provider's `stream` setting). Default: false. */
  readonly stream?: boolean;
  /** Where the API key came from, named in the message of a 401/403 so users know what to fix. */
  readonly keySource?: string;
}

/**
 * A model behind an OpenAI-compatible `POST /chat/completions` endpoint, called through the official
 * openai SDK. Create it with `createOpenAI(settings).languageModel(modelId)`; creating it makes no
 * request.
 */
export class OpenAIChatLanguageModel implements LanguageModelV1 {
  /** The language model specification this class implements. */
  readonly specificationVersion = 'v1';
  /** Always `openai`, whatever the base URL: the provider is the wire protocol, not the vendor. */
  readonly provider = 'openai';
  /** Model id sent as `model`, e.g. `gpt-4o-mini` or a vLLM served model name. */
  readonly modelId: string;
  /** The base URL, without credentials or query: models on the same server share one request window. */
  readonly endpoint: string;
  private readonly config: OpenAIChatLanguageModelConfig;

  constructor(modelId: string, config: OpenAIChatLanguageModelConfig) {
    this.modelId = modelId;
    this.config = config;
    this.endpoint = redactURL(config.client.baseURL.replace(/\/+$/, ''));
  }

  /**
   * Sends one chat completion request (a `prompt` becomes one user message) and returns its choices,
   * usage, response metadata and rate-limit state. Only set parameters are sent;
   * `params.providerOptions.openai` is merged into the body last, so its keys override. `topK` is not
   * part of the OpenAI API: it is not sent and comes back as a warning. When streaming, `onActivity`
   * is called as the headers and each chunk arrive.
   *
   * @throws APICallError when the API answers an error, cannot be reached, or answers something that
   * is not a chat completion (retryable: a malformed or HTML 200, a stream cut short); the abort
   * error as it is when `signal` aborts the call.
   */
  async doGenerate(options: LanguageModelV1CallOptions): Promise<LanguageModelV1Result> {
    const { body, warnings } = this.requestBody(options);
    const url = `${this.endpoint}/chat/completions`;
    try {
      const stream = this.config.stream === true;
      const { data, response } = await this.config.client.chat.completions
        .create(stream ? { ...body, stream: true, stream_options: { include_usage: true } } : body, {
          signal: options.signal ?? null,
        })
        .withResponse();
      options.onActivity?.();
      const completion = stream
        ? await readStreamedCompletion(data as AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>, {
            choices: body.n ?? 1,
            url,
            ...(options.onActivity == null ? {} : { onActivity: options.onActivity }),
          })
        : checkCompletion(data, url, response.status);
      const rateLimit = parseOpenAIRateLimitHeaders(response.headers);
      const requestId = response.headers.get('x-request-id') ?? completion.id;
      return {
        choices: inIndexOrder(completion.choices).map((choice) => ({
          text: choice.message?.content ?? '',
          finishReason: finishReasonOf(choice.finish_reason),
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
        raw: completion,
      };
    } catch (error) {
      if (options.signal?.aborted) throw error;
      if (APICallError.isInstance(error)) throw error;
      const { client, errorBodyOf = () => undefined, secrets = [], keySource } = this.config;
      throw toAPICallError(
        error,
        {
          provider: 'OpenAI',
          url,
          timeoutMs: client.timeout,
          secrets: [...credentialSecrets(client.apiKey, client.baseURL), ...secrets],
          bodyOf: errorBodyOf,
          ...(keySource == null ? {} : { keySource }),
        },
        OpenAI,
      );
    }
  }

  private requestBody(options: LanguageModelV1CallOptions): {
    body: OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming;
    warnings: LanguageModelV1Warning[];
  } {
    const { params, responseFormat } = options;
    const warnings: LanguageModelV1Warning[] = [];
    const messages =
      options.prompt !== undefined
        ? [{ role: 'user', content: options.prompt }]
        : options.messages.map((message) => ({ role: message.role, content: message.content }));
    const body: Record<string, unknown> = { model: this.modelId, messages };
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
          'The OpenAI chat completions API has no top-k sampling, so topK was not sent. ' +
          'For servers that support it (vLLM), pass it as providerOptions.openai.top_k (provider_options in a recipe).',
      });
    }
    if (responseFormat !== undefined) {
      body['response_format'] =
        responseFormat.schema === undefined
          ? { type: 'json_object' }
          : {
              type: 'json_schema',
              json_schema: { name: responseFormat.name ?? 'response', schema: responseFormat.schema, strict: true },
            };
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
    return { body: body as unknown as OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming, warnings };
  }
}

// --- Internal helpers ---

function setIfDefined(body: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) body[key] = value;
}

/**
 * The body of a 200 as a chat completion, or a retryable error when it is not one: the SDK hands
 * back the text of a non-JSON body (a gateway's HTML page) and any JSON object as it is.
 */
function checkCompletion(data: unknown, url: string, status: number): OpenAI.Chat.Completions.ChatCompletion {
  if (data != null && typeof data === 'object' && Array.isArray((data as { choices?: unknown }).choices)) {
    return data as OpenAI.Chat.Completions.ChatCompletion;
  }
  const text = typeof data === 'string' ? data : JSON.stringify(data) ?? String(data);
  throw new APICallError({
    message: `OpenAI API call to ${url} answered HTTP ${status} with a body that is not a chat completion (${typeof data === 'string' ? 'not JSON' : 'no "choices" list'}): ${text.slice(0, 200)}`,
    url,
    statusCode: status,
    responseBody: text.slice(0, 4096),
    isRetryable: true,
  });
}

/** The choices by their `index` (servers may send them in any order); one choice needs no sort. */
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
