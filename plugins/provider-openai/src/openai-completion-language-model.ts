import {
  type ConversationFormatterV1,
  InvalidArgumentError,
  type LanguageModelV1,
  type LanguageModelV1CallOptions,
  type LanguageModelV1Request,
  type LanguageModelV1Result,
  type LanguageModelV1Warning,
} from '@synthkit/core';
import { redactURL } from '@synthkit/provider-utils';
import type OpenAI from 'openai';
import { createCompletionBatchApi } from './internal/completion-batch-api';
import { openAIRequestBody } from './internal/openai-request-body';
import type { OpenAIBatchApi } from './openai-batch-api';
import { type CompletionApi, sendCompletionRequest } from './internal/send-completion-request';
import type { OpenAIModelConfig } from './openai-model-config';

/** Settings of one completion model: how its conversations become prompts. */
export interface OpenAICompletionModelSettings {
  /**
   * Writes the chat messages a call carries as the one prompt string the completions API takes,
   * in the format the model was trained on: `nemotronFormatter`, `mixtralFormatter`,
   * `noFormatFormatter` (from `@synthkit/provider-utils`) or your own. A call that carries a
   * `prompt` instead is sent as it is. Default: none, so only calls with a `prompt` work (calls
   * with messages throw `InvalidArgumentError`); synthkit tasks send messages, so recipes need one.
   */
  readonly formatter?: ConversationFormatterV1;
}

/** What an {@link OpenAICompletionLanguageModel} needs; `createOpenAI` builds it from the settings. */
export interface OpenAICompletionLanguageModelConfig extends OpenAIModelConfig, OpenAICompletionModelSettings {
  /** Stream answers (see the provider's `stream` setting). Default: false. */
  readonly stream?: boolean;
}

/**
 * A model behind an OpenAI-compatible raw `POST /completions` endpoint, called through the official
 * openai SDK (`client.completions.create`): base models and servers without a chat template, such
 * as Nemotron-4 340B base on NIM or vLLM. Chat messages become one prompt through the model's
 * conversation formatter. Create it with `createOpenAI(settings).completionModel(modelId, {
 * formatter })`; creating it makes no request.
 */
export class OpenAICompletionLanguageModel implements LanguageModelV1 {
  /** The language model specification this class implements. */
  readonly specificationVersion = 'v1';
  /** Always `openai`: the provider is the wire protocol, not the vendor. */
  readonly provider = 'openai';
  /** Model id sent as `model`. */
  readonly modelId: string;
  /** The base URL, without credentials or query: it shares the request window of the server's chat models. */
  readonly endpoint: string;
  /**
   * `completions:<formatter name>` (`completions` without a formatter): the response cache keeps
   * these answers apart from the same model's chat answers and from other formatters'.
   */
  readonly variant: string;
  /** The formatter that writes conversations as prompts, if any. */
  readonly formatter: ConversationFormatterV1 | undefined;
  /**
   * OpenAI's Batch API for this model (`/v1/completions` jobs at half price). The engine uses it for
   * models the recipe marks `batch: true`.
   */
  readonly batch: OpenAIBatchApi;
  private readonly config: OpenAICompletionLanguageModelConfig;
  private readonly api: CompletionApi<OpenAI.Completions.Completion, OpenAI.Completions.CompletionChoice>;

  constructor(modelId: string, config: OpenAICompletionLanguageModelConfig) {
    this.modelId = modelId;
    this.config = config;
    this.formatter = config.formatter;
    this.endpoint = redactURL(config.client.baseURL.replace(/\/+$/, ''));
    this.variant = config.formatter == null ? 'completions' : `completions:${config.formatter.name}`;
    this.api = completionsApi;
    this.batch = createCompletionBatchApi(this.api, {
      config,
      endpoint: this.endpoint,
      url: '/v1/completions',
      bodyOf: (request) => this.requestBody(request).body,
    });
  }

  /**
   * Sends one completion request and returns its choices, usage, response metadata and rate-limit
   * state. The prompt is `options.prompt` as it is, else the messages written by the formatter.
   * Parameters go as in the chat model (`temperature`, `top_p`, `max_tokens`, `seed`, `stop`, `n`,
   * then `providerOptions.openai` merged last). Warnings say what was not sent (`topK`, a response
   * format: the completions API has neither) and that without `maxTokens` the endpoint's default
   * applies, which is 16 tokens on OpenAI and vLLM. When streaming, `onActivity` is called as the
   * headers and each chunk arrive.
   *
   * @throws InvalidArgumentError, before any request, when the call carries messages and the model
   * has no formatter, when the conversation is empty, or when the formatter cannot write it (a system
   * message, turns out of order).
   * @throws APICallError when the API answers an error, cannot be reached, or answers something that
   * is not a completion (retryable: a malformed or HTML 200, a stream cut short); the abort error as
   * it is when `signal` aborts the call.
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

  /** The body of a request (without `stream`) and the warnings about what was not sent. */
  private requestBody(options: LanguageModelV1Request): { body: Record<string, unknown>; warnings: LanguageModelV1Warning[] } {
    const { body, warnings } = openAIRequestBody({
      modelId: this.modelId,
      input: { prompt: this.promptOf(options) },
      params: options.params,
      api: 'completions',
    });
    if (body['max_tokens'] === undefined) {
      warnings.push({
        type: 'other',
        setting: 'maxTokens',
        message:
          'maxTokens is not set, so the completions endpoint answers with its default length, which is 16 tokens ' +
          'on OpenAI and vLLM. Set max_tokens in the recipe params.',
      });
    }
    if (options.responseFormat !== undefined) {
      warnings.push({
        type: 'unsupported-setting',
        setting: 'responseFormat',
        message:
          'The OpenAI completions API has no response format, so the JSON schema was not sent. For servers that ' +
          "support guided decoding, pass it in providerOptions.openai (e.g. vLLM's guided_json).",
      });
    }
    return { body, warnings };
  }

  /** The prompt to send: the call's own, or its messages written by the formatter. */
  private promptOf(options: LanguageModelV1Request): string {
    if (options.prompt !== undefined) return options.prompt;
    if (this.formatter == null) {
      throw new InvalidArgumentError({
        argument: 'formatter',
        message:
          `The completion model "${this.modelId}" got chat messages but has no conversation formatter to write them ` +
          'as one prompt. Create it with a formatter: completionModel(modelId, { formatter: nemotronFormatter }) ' +
          '(in a recipe: formatter: nemotron, mixtral or no-format), or send a prompt instead of messages.',
      });
    }
    if (options.messages.length === 0) {
      // A chat API answers an empty conversation with a 400; a formatter would write it as a prompt of headers only.
      throw new InvalidArgumentError({
        argument: 'messages',
        message: `The completion model "${this.modelId}" got an empty conversation (messages: []). Send at least one message, or a prompt.`,
      });
    }
    return this.formatter.format(options.messages);
  }
}

// --- Internal helpers ---

const completionsApi: CompletionApi<OpenAI.Completions.Completion, OpenAI.Completions.CompletionChoice> = {
  path: '/completions',
  what: 'completion',
  send: (client, body, signal) => client.completions.create(body as unknown as OpenAI.Completions.CompletionCreateParams, { signal }),
  textOf: (choice) => choice.text,
  choicesOf: (completion) => ({
    id: completion.id,
    model: completion.model,
    usage: completion.usage,
    choices: completion.choices.map((choice) => ({ index: choice.index, text: choice.text, finishReason: choice.finish_reason })),
  }),
  rawOf: (streamed) => ({
    id: streamed.id ?? '',
    object: 'text_completion',
    created: 0,
    model: streamed.model ?? '',
    choices: streamed.choices.map((choice) => ({
      index: choice.index,
      text: choice.text ?? '',
      finish_reason: choice.finishReason,
      logprobs: null,
    })),
    ...(streamed.usage == null ? {} : { usage: streamed.usage }),
  }),
};
