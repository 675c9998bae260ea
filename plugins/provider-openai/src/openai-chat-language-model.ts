import type {
  FinishReason,
  LanguageModelV1,
  LanguageModelV1CallOptions,
  LanguageModelV1Result,
  LanguageModelV1Warning,
} from '@synthkit/core';
import type OpenAI from 'openai';
import { parseRateLimitHeaders } from './internal/parse-rate-limit-headers';
import { redactURL } from './internal/redact-url';
import { toAPICallError } from './internal/to-api-call-error';

/** What an {@link OpenAIChatLanguageModel} needs; `createOpenAI` builds it from the settings. */
export interface OpenAIChatLanguageModelConfig {
  /**
   * The configured openai SDK client. The model calls only `chat.completions.create`, and reads the
   * client's `baseURL`, `timeout` and `apiKey` to describe errors (the key is redacted from them).
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
  private readonly config: OpenAIChatLanguageModelConfig;

  constructor(modelId: string, config: OpenAIChatLanguageModelConfig) {
    this.modelId = modelId;
    this.config = config;
  }

  /**
   * Sends one chat completion request (a `prompt` becomes one user message) and returns its choices,
   * usage and rate-limit state. Only set parameters are sent; `params.extra` is merged into the body
   * last, so its keys override. `topK` is not part of the OpenAI API: it is not sent and comes back
   * as a warning.
   *
   * @throws APICallError when the API answers an error or cannot be reached; the abort error as it
   * is when `signal` aborts the call.
   */
  async doGenerate(options: LanguageModelV1CallOptions): Promise<LanguageModelV1Result> {
    const { body, warnings } = this.requestBody(options);
    try {
      const { data, response } = await this.config.client.chat.completions
        .create(body, { signal: options.signal ?? null })
        .withResponse();
      const rateLimit = parseRateLimitHeaders(response.headers);
      return {
        choices: [...data.choices]
          .sort((first, second) => first.index - second.index)
          .map((choice) => ({
            text: choice.message?.content ?? '',
            finishReason: finishReasonOf(choice.finish_reason),
          })),
        usage: {
          inputTokens: data.usage?.prompt_tokens ?? 0,
          outputTokens: data.usage?.completion_tokens ?? 0,
        },
        ...(rateLimit === undefined ? {} : { rateLimit }),
        ...(warnings.length === 0 ? {} : { warnings }),
        raw: data,
      };
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const { client, errorBodyOf = () => undefined, secrets = [] } = this.config;
      throw toAPICallError(error, {
        url: redactURL(`${client.baseURL.replace(/\/+$/, '')}/chat/completions`),
        timeoutMs: client.timeout,
        secrets: [...secretsOf(client), ...secrets],
        bodyOf: errorBodyOf,
      });
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
        message: 'The OpenAI chat completions API has no top-k sampling, so topK was not sent. ' +
          'For servers that support it (vLLM), pass it as params.extra.top_k.',
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
    for (const [key, value] of Object.entries(params.extra ?? {})) {
      if (key === 'stream' || key === 'stream_options') {
        warnings.push({
          type: 'other',
          setting: `extra.${key}`,
          message: `params.extra.${key} was not sent: this provider reads whole responses, not streams.`,
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

/** Texts to redact from errors: the API key, and any user name or password written in the base URL. */
function secretsOf(client: OpenAI): string[] {
  const secrets = client.apiKey == null ? [] : [client.apiKey];
  try {
    const { username, password } = new URL(client.baseURL);
    for (const part of [username, password]) {
      if (part !== '') secrets.push(part, decodeURIComponent(part));
    }
  } catch {
    // Not a parseable URL: the SDK will fail on it, and there is nothing in it to redact.
  }
  return secrets;
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
