import type Anthropic from '@anthropic-ai/sdk';
import {
  APICallError,
  type FinishReason,
  InvalidArgumentError,
  type LanguageModelV1,
  type LanguageModelV1CallOptions,
  type LanguageModelV1Result,
  type LanguageModelV1Usage,
} from '@synthkit/core';
import {
  credentialSecrets,
  parseAnthropicRateLimitHeaders,
  redactURL,
  toAPICallError,
} from '@synthkit/provider-utils';
import { defaultMaxTokens } from './anthropic-provider-settings';
import { readStreamedMessage } from './internal/read-streamed-message';
import { type StructuredOutput, toMessagesRequest, wrappedValueKey } from './internal/to-messages-request';

/** What an {@link AnthropicMessagesLanguageModel} needs; `createAnthropic` builds it from the settings. */
export interface AnthropicMessagesLanguageModelConfig {
  /**
   * The configured `@anthropic-ai/sdk` client, or a {@link LazyAnthropicClient} that makes it on
   * first use (`createAnthropic` passes one: a run that never calls this provider should not pay
   * for importing the SDK). The model calls only `messages.create`, and reads the client's
   * `baseURL`, `timeout` and `apiKey` to describe errors (the key is redacted from them). Its
   * `maxRetries` should be 0: the synthkit engine retries.
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
  private readonly config: AnthropicMessagesLanguageModelConfig;

  constructor(modelId: string, config: AnthropicMessagesLanguageModelConfig) {
    this.modelId = modelId;
    this.config = config;
    this.endpoint = redactURL(config.client.baseURL).replace(/\/+$/, '');
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
    if (options.params.n != null && options.params.n > 1) {
      throw new InvalidArgumentError({
        argument: 'params.n',
        message:
          'The Anthropic Messages API answers one choice per request (maxChoicesPerCall is 1), but n is ' +
          `${options.params.n}. Ask for n: 1 per call; the synthkit engine splits a larger n into several calls by itself.`,
      });
    }
    const { body, structuredOutput, warnings } = toMessagesRequest(options, this.modelId, {
      maxTokens: this.config.maxTokens ?? defaultMaxTokens,
    });
    const url = `${this.endpoint}/v1/messages`;
    try {
      const stream = this.config.stream === true;
      const client = await sdkClientOf(this.config.client);
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
      const finishReason = finishReasonOf(message.stop_reason, structuredOutput);
      const text = answerText(message, structuredOutput, finishReason, url);
      const rateLimit = parseAnthropicRateLimitHeaders(response.headers);
      const requestId = response.headers.get('request-id') ?? message.id;
      return {
        choices: [{ text, finishReason }],
        usage: usageOf(message.usage),
        response: {
          ...(typeof message.model === 'string' ? { modelId: message.model } : {}),
          ...(typeof requestId === 'string' && requestId !== '' ? { requestId } : {}),
        },
        ...(rateLimit === undefined ? {} : { rateLimit }),
        ...(warnings.length === 0 ? {} : { warnings }),
        raw: message,
      };
    } catch (error) {
      if (options.signal?.aborted) throw error;
      if (APICallError.isInstance(error)) throw error;
      const { client, errorBodyOf = () => undefined, secrets = [], keySource } = this.config;
      // Loaded already (the call that failed went through it): this only reads the module cache.
      const { default: sdk } = await import('@anthropic-ai/sdk');
      throw toAPICallError(
        error,
        {
          provider: 'Anthropic',
          url,
          timeoutMs: client.timeout,
          secrets: [...credentialSecrets(client.apiKey, client.baseURL), ...secrets],
          bodyOf: errorBodyOf,
          ...(keySource == null ? {} : { keySource }),
        },
        sdk,
      );
    }
  }
}

// --- Internal helpers ---

/** The SDK client of a config, made now when it is lazy. */
function sdkClientOf(client: Anthropic | LazyAnthropicClient): Promise<Anthropic> {
  return 'sdkClient' in client && typeof client.sdkClient === 'function'
    ? client.sdkClient()
    : Promise.resolve(client as Anthropic);
}

/**
 * The body of a 200 as a message, or a retryable error when it is not one: the SDK hands back the
 * text of a non-JSON body (a gateway's HTML page) and any JSON as it is.
 */
function checkMessage(data: unknown, url: string, status: number): Anthropic.Messages.Message {
  if (data != null && typeof data === 'object' && Array.isArray((data as { content?: unknown }).content)) {
    return data as Anthropic.Messages.Message;
  }
  const text = typeof data === 'string' ? data : (JSON.stringify(data) ?? String(data));
  throw new APICallError({
    message:
      `Anthropic API call to ${url} answered HTTP ${status} with a body that is not a message ` +
      `(${typeof data === 'string' ? 'not JSON' : 'no "content" list'}): ${text.slice(0, 200)}`,
    url,
    statusCode: status,
    responseBody: text.slice(0, 4096),
    isRetryable: true,
  });
}

/**
 * The usage of a message in synthkit's terms. The API counts prompt tokens read from or written to
 * its cache apart from `input_tokens`; synthkit's `inputTokens` includes them. Counts the message
 * does not report stay undefined.
 */
function usageOf(usage: Partial<Anthropic.Messages.Usage> | null | undefined): LanguageModelV1Usage {
  const input = usage?.input_tokens;
  return {
    inputTokens:
      input == null ? undefined : input + (usage?.cache_read_input_tokens ?? 0) + (usage?.cache_creation_input_tokens ?? 0),
    outputTokens: usage?.output_tokens ?? undefined,
    cachedInputTokens: usage?.cache_read_input_tokens ?? undefined,
  };
}

/**
 * The text of the one choice: the text blocks joined; for structured output, the forced tool's
 * input as JSON (unwrapped when the schema was wrapped), or the text checked to be JSON.
 */
function answerText(
  message: Anthropic.Messages.Message,
  structuredOutput: StructuredOutput | undefined,
  finishReason: FinishReason,
  url: string,
): string {
  const text = message.content
    .flatMap((block) => (block.type === 'text' ? [block.text] : []))
    .join('');
  if (structuredOutput?.kind === 'tool') {
    const call = message.content.find(
      (block): block is Anthropic.Messages.ToolUseBlock => block.type === 'tool_use' && block.name === structuredOutput.name,
    );
    if (call == null) {
      throw unusableAnswer(url, `it did not call the tool "${structuredOutput.name}" that holds the structured answer`, text);
    }
    const input = call.input as Record<string, unknown> | undefined;
    return JSON.stringify(structuredOutput.wrapped ? input?.[wrappedValueKey] : input) ?? 'null';
  }
  if (structuredOutput?.kind === 'json') {
    const json = withoutCodeFence(text);
    // An answer cut off at max_tokens cannot parse; the engine's on_length policy decides about it.
    if (finishReason === 'length') return json;
    try {
      JSON.parse(json);
    } catch {
      throw unusableAnswer(url, 'JSON was asked for, but the answer does not parse as JSON', text);
    }
    return json;
  }
  return text;
}

function unusableAnswer(url: string, reason: string, text: string): APICallError {
  return new APICallError({
    message: `Anthropic API call to ${url} answered, but ${reason}: ${JSON.stringify(text.slice(0, 200))}`,
    url,
    statusCode: 200,
    responseBody: text.slice(0, 4096),
    isRetryable: true,
  });
}

/** JSON written inside a Markdown code fence, without the fence; other text trimmed. */
function withoutCodeFence(text: string): string {
  const trimmed = text.trim();
  return /^```(?:json)?\s*\n([\s\S]*?)\n?```$/i.exec(trimmed)?.[1]?.trim() ?? trimmed;
}

function finishReasonOf(reason: string | null | undefined, structuredOutput: StructuredOutput | undefined): FinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
      return 'length';
    case 'refusal':
      return 'content-filter';
    case 'tool_use':
      // Calling the forced tool is how a structured answer ends.
      return structuredOutput?.kind === 'tool' ? 'stop' : 'other';
    default:
      return 'other';
  }
}
