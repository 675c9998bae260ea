import type Anthropic from '@anthropic-ai/sdk';
import {
  InvalidArgumentError,
  type LanguageModelV1,
  type LanguageModelV1CallOptions,
  type LanguageModelV1Request,
  type LanguageModelV1Result,
} from '@synthkit/core';
import { redactURL } from '@synthkit/provider-utils';
import { AnthropicBatchApi } from './anthropic-batch-api';
import { defaultMaxTokens } from './anthropic-provider-settings';
import { anthropicClientOf } from './internal/anthropic-client-of';
import { checkMessage } from './internal/check-message';
import { readStreamedMessage } from './internal/read-streamed-message';
import { toAnthropicCallError } from './internal/to-anthropic-call-error';
import { toLanguageModelResult } from './internal/to-language-model-result';
import { structuredOutputOf, toMessagesRequest } from './internal/to-messages-request';

/** What an {@link AnthropicMessagesLanguageModel} needs; `createAnthropic` builds it from the settings. */
export interface AnthropicMessagesLanguageModelConfig {
  /**
   * The configured `@anthropic-ai/sdk` client, or a {@link LazyAnthropicClient} that makes it on
   * first use (`createAnthropic` passes one: a run that never calls this provider should not pay
   * for importing the SDK). The model calls `messages.create` (and its `batch` the
   * `messages.batches` methods), and reads the client's `baseURL`, `timeout` and `apiKey` to
   * describe errors (the key is redacted from them). Its `maxRetries` should be 0: the synthkit
   * engine retries.
   */
  readonly client: Anthropic | LazyAnthropicClient;
  /**
   * Further texts that must never appear in an error, besides the client's API key and any
   * credentials in its base URL; each is replaced by `[redacted]`. `createAnthropic` passes the
   * value of every configured header. Default: none.
   */
  readonly secrets?: ReadonlyArray<string>;
  /**
   * The raw body of an error response, found by the response's headers (`createErrorBodyRecorder`
   * of `@synthkit/provider-utils`). Default: the body is rebuilt from what the SDK kept.
   */
  readonly errorBodyOf?: (headers: Headers | undefined) => string | undefined;
  /** Stream answers (see the provider's `stream` setting). Default: false. */
  readonly stream?: boolean;
  /** Where the API key came from, named in the message of a 401/403 so users know what to fix. */
  readonly keySource?: string;
  /** `max_tokens` of a call whose parameters set none (the API requires one). Default: 4096. */
  readonly maxTokens?: number;
}

/** An `@anthropic-ai/sdk` client made on first use, with what errors and endpoints need to know before. */
export interface LazyAnthropicClient {
  /** The base URL requests go to. */
  readonly baseURL: string;
  /** The API key sent, redacted from errors. */
  readonly apiKey: string;
  /** The SDK's timeout on one request, in milliseconds. */
  readonly timeout: number;
  /** The client, imported and made once. */
  sdkClient(): Promise<Anthropic>;
}

/**
 * A Claude model behind Anthropic's Messages API (`POST /v1/messages`), called through the official
 * `@anthropic-ai/sdk`. Create it with `createAnthropic(settings).languageModel(modelId)`; creating it
 * makes no request.
 */
export class AnthropicMessagesLanguageModel implements LanguageModelV1 {
  /** The language model specification this class implements. */
  readonly specificationVersion = 'v1';
  /** Always `anthropic`: the provider is the wire protocol, whichever server speaks it. */
  readonly provider = 'anthropic';
  /** Model id sent as `model`, e.g. `claude-sonnet-4-5`. */
  readonly modelId: string;
  /** The base URL, without credentials or query: models on the same server share one request window. */
  readonly endpoint: string;
  /** The Messages API answers one message per request, so the engine splits a larger `n` into calls. */
  readonly maxChoicesPerCall = 1;
  /**
   * Anthropic's Message Batches API for this model (half price, answers within 24 hours): each
   * request is sent with the body `doGenerate` would send, never streamed, and each answer read as
   * `doGenerate` reads one. The engine uses it for models the recipe marks `batch: true`.
   */
  readonly batch: AnthropicBatchApi;
  private readonly config: AnthropicMessagesLanguageModelConfig;

  constructor(modelId: string, config: AnthropicMessagesLanguageModelConfig) {
    this.modelId = modelId;
    this.config = config;
    this.endpoint = redactURL(config.client.baseURL).replace(/\/+$/, '');
    this.batch = new AnthropicBatchApi({
      ...config,
      endpoint: this.endpoint,
      bodyOf: (request) => this.messagesRequest(request).body,
      resultOf: (data) => {
        const url = `${this.endpoint}/v1/messages/batches`;
        const message = checkMessage(data, url, 200);
        // A batch result comes without its request: the answer says how it must be read.
        return toLanguageModelResult(message, { structuredOutput: structuredOutputOf(message), url, warnings: [] });
      },
    });
  }

  /**
   * Sends one Messages API request and returns its one choice, usage, response metadata and
   * rate-limit state. System messages go into `system`; consecutive turns of one role are joined
   * into one turn. Only set parameters are sent (`max_tokens` always: the API requires it);
   * `params.providerOptions.anthropic` is merged into the body last, so its keys override. `seed`
   * is not part of the Messages API: it is not sent and comes back as a warning. A response format
   * with a schema is asked for as a forced tool call and answered with the tool's input as JSON
   * text; one without a schema by an instruction in the system prompt, the answer checked to parse.
   * When streaming, `onActivity` is called as the headers and each event arrive.
   *
   * @throws InvalidArgumentError when `params.n` is above 1 (the engine splits it) or there is no
   * user or assistant message.
   * @throws APICallError when the API answers an error, cannot be reached, or answers something that
   * is not a usable message (retryable: a malformed or HTML 200, a stream cut short, JSON asked for
   * and not given); the abort error as it is when `signal` aborts the call.
   */
  async doGenerate(options: LanguageModelV1CallOptions): Promise<LanguageModelV1Result> {
    const { body, structuredOutput, warnings } = this.messagesRequest(options);
    const url = `${this.endpoint}/v1/messages`;
    try {
      const stream = this.config.stream === true;
      const client = await anthropicClientOf(this.config.client);
      const { data, response } = await client.messages
        .create(stream ? { ...body, stream: true } : body, { signal: options.signal ?? null })
        .withResponse();
      options.onActivity?.();
      const message = stream
        ? await readStreamedMessage(data as AsyncIterable<Anthropic.Messages.RawMessageStreamEvent>, {
            url,
            ...(options.onActivity == null ? {} : { onActivity: options.onActivity }),
          })
        : checkMessage(data, url, response.status);
      return toLanguageModelResult(message, { structuredOutput, url, headers: response.headers, warnings });
    } catch (error) {
      throw await toAnthropicCallError(error, { config: this.config, url, signal: options.signal });
    }
  }

  /**
   * The Messages API body of a request (without `stream`), how its answer must be read and the
   * warnings about parameters not sent: what `doGenerate` sends, and `batch` too.
   *
   * @throws InvalidArgumentError when `params.n` is above 1 or there is no user or assistant message.
   */
  private messagesRequest(request: LanguageModelV1Request): ReturnType<typeof toMessagesRequest> {
    if (request.params.n != null && request.params.n > 1) {
      throw new InvalidArgumentError({
        argument: 'params.n',
        message:
          'The Anthropic Messages API answers one choice per request (maxChoicesPerCall is 1), but n is ' +
          `${request.params.n}. Ask for n: 1 per call; the synthkit engine splits a larger n into several calls by itself.`,
      });
    }
    return toMessagesRequest(request, this.modelId, { maxTokens: this.config.maxTokens ?? defaultMaxTokens });
  }
}

