import type { LanguageModelV1, LanguageModelV1CallOptions, LanguageModelV1Request, LanguageModelV1Result, LanguageModelV1Warning } from '@synthkit/core';
import { redactURL } from '@synthkit/provider-utils';
import type OpenAI from 'openai';
import { createCompletionBatchApi } from './internal/completion-batch-api';
import { openAIRequestBody } from './internal/openai-request-body';
import type { OpenAIBatchApi } from './openai-batch-api';
import { type CompletionApi, sendCompletionRequest } from './internal/send-completion-request';
import type { OpenAIModelConfig } from './openai-model-config';

/** What an {@link OpenAIChatLanguageModel} needs; `createOpenAI` builds it from the settings. */
export interface OpenAIChatLanguageModelConfig extends OpenAIModelConfig {
  /** Stream answers (see the provider's `stream` setting). Default: false. */
  readonly stream?: boolean;
}

/**
 * A model behind an OpenAI-compatible `POST /chat/completions` endpoint, called through the official
 * openai SDK (`client.chat.completions.create`). Create it with
 * `createOpenAI(settings).languageModel(modelId)`; creating it makes no request.
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
  /**
   * OpenAI's Batch API for this model (`/v1/chat/completions` jobs at half price). The engine uses
   * it for models the recipe marks `batch: true`.
   */
  readonly batch: OpenAIBatchApi;
  private readonly config: OpenAIChatLanguageModelConfig;
  private readonly api: CompletionApi<OpenAI.Chat.Completions.ChatCompletion, OpenAI.Chat.Completions.ChatCompletionChunk.Choice>;

  constructor(modelId: string, config: OpenAIChatLanguageModelConfig) {
    this.modelId = modelId;
    this.config = config;
    this.endpoint = redactURL(config.client.baseURL.replace(/\/+$/, ''));
    this.api = chatCompletionsApi;
    this.batch = createCompletionBatchApi(this.api, {
      config,
      endpoint: this.endpoint,
      url: '/v1/chat/completions',
      bodyOf: (request) => this.requestBody(request).body,
    });
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
    return sendCompletionRequest(this.api, {
      config: this.config,
      stream: this.config.stream === true,
      endpoint: this.endpoint,
      body,
      warnings,
      options,
    });
  }

  /** The body of a request (without `stream`) and the warnings about parameters not sent. */
  private requestBody(options: LanguageModelV1Request): { body: Record<string, unknown>; warnings: LanguageModelV1Warning[] } {
    const { responseFormat } = options;
    const messages =
      options.prompt !== undefined
        ? [{ role: 'user', content: options.prompt }]
        : options.messages.map((message) => ({ role: message.role, content: message.content }));
    const schema = responseFormat?.schema;
    const responseFormatField =
      responseFormat === undefined
        ? {}
        : schema === undefined
          ? { response_format: { type: 'json_object' } }
          : { response_format: { type: 'json_schema', json_schema: { name: responseFormat.name ?? 'response', schema, strict: true } } };
    return openAIRequestBody({
      modelId: this.modelId,
      input: { messages, ...responseFormatField },
      params: options.params,
      api: 'chat completions',
    });
  }
}

// --- Internal helpers ---

const chatCompletionsApi: CompletionApi<OpenAI.Chat.Completions.ChatCompletion, OpenAI.Chat.Completions.ChatCompletionChunk.Choice> = {
  path: '/chat/completions',
  what: 'chat completion',
  send: (client, body, signal) =>
    client.chat.completions.create(body as unknown as OpenAI.Chat.Completions.ChatCompletionCreateParams, { signal }),
  textOf: (choice) => choice.delta?.content,
  choicesOf: (completion) => ({
    id: completion.id,
    model: completion.model,
    usage: completion.usage,
    choices: completion.choices.map((choice) => ({
      index: choice.index,
      text: choice.message?.content,
      finishReason: choice.finish_reason,
    })),
  }),
  rawOf: (streamed) => ({
    id: streamed.id ?? '',
    object: 'chat.completion',
    created: 0,
    model: streamed.model ?? '',
    choices: streamed.choices.map((choice) => ({
      index: choice.index,
      message: { role: 'assistant', content: choice.text ?? '', refusal: null },
      finish_reason: choice.finishReason,
      logprobs: null,
    })),
    ...(streamed.usage == null ? {} : { usage: streamed.usage }),
  }),
};
