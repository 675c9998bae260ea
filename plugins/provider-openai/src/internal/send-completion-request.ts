import type { LanguageModelV1CallOptions, LanguageModelV1Result, LanguageModelV1Warning } from '@synthkit/core';
import { checkCompletionBody } from './check-completion-body';
import type { CompletionChoices } from './completion-choices';
import { readStreamedChoices } from './read-streamed-choices';
import { toLanguageModelResult } from './to-language-model-result';
import { toOpenAICallError } from './to-openai-call-error';
import type OpenAI from 'openai';
import { openAIClientOf, type OpenAIModelConfig } from '../openai-model-config';

/** What differs between the chat completions and the completions API for {@link sendCompletionRequest}. */
export interface CompletionApi<Completion, ChunkChoice> {
  /** The path after the base URL: `/chat/completions` or `/completions`. */
  readonly path: string;
  /** What a 200 must be, for messages: `chat completion`, `completion`. */
  readonly what: string;
  /** Sends the body through the SDK client (`stream: true` is in it when streaming). */
  send(
    client: OpenAI,
    body: Record<string, unknown>,
    signal: AbortSignal | null,
  ): { withResponse(): Promise<{ readonly data: unknown; readonly response: Response }> };
  /** A streamed chunk choice's piece of text: `delta.content`, `text`. */
  textOf(choice: ChunkChoice): string | null | undefined;
  /** A whole answer's choices. */
  choicesOf(completion: Completion): CompletionChoices;
  /** A streamed answer as the body it stands for, for `raw`. */
  rawOf(streamed: CompletionChoices): unknown;
}

/**
 * Sends one chat or text completion request, streamed (with `stream_options.include_usage`) or
 * not, and returns its result: `onActivity` is called as the headers and each chunk arrive, the
 * answer is checked (a 200 that is not a completion, a stream cut short: retryable errors), and
 * every failure becomes what `toOpenAICallError` makes of it.
 */
export async function sendCompletionRequest<
  Completion,
  ChunkChoice extends { readonly index?: number; readonly finish_reason?: string | null },
>(
  api: CompletionApi<Completion, ChunkChoice>,
  {
    config,
    stream,
    endpoint,
    body,
    warnings,
    options,
  }: {
    readonly config: OpenAIModelConfig;
    readonly stream: boolean;
    /** The model's base URL, without credentials. */
    readonly endpoint: string;
    readonly body: Record<string, unknown>;
    readonly warnings: ReadonlyArray<LanguageModelV1Warning>;
    readonly options: LanguageModelV1CallOptions;
  },
): Promise<LanguageModelV1Result> {
  const url = `${endpoint}${api.path}`;
  try {
    const client = await openAIClientOf(config.client);
    const { data, response } = await api
      .send(client, stream ? { ...body, stream: true, stream_options: { include_usage: true } } : body, options.signal ?? null)
      .withResponse();
    options.onActivity?.();
    if (stream) {
      const streamed = await readStreamedChoices(data as AsyncIterable<{ choices?: ReadonlyArray<ChunkChoice> }>, {
        choices: typeof body['n'] === 'number' ? body['n'] : 1,
        url,
        textOf: api.textOf,
        onActivity: options.onActivity,
      });
      return toLanguageModelResult({ completion: streamed, headers: response.headers, warnings, raw: api.rawOf(streamed) });
    }
    const completion = checkCompletionBody<Completion>(data, { url, status: response.status, what: api.what });
    return toLanguageModelResult({ completion: api.choicesOf(completion), headers: response.headers, warnings, raw: completion });
  } catch (error) {
    throw await toOpenAICallError(error, { config, url, signal: options.signal });
  }
}
