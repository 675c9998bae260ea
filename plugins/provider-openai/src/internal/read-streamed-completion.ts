import { APICallError } from '@synthkit/core';
import type OpenAI from 'openai';

/**
 * Reads a streamed chat completion (server-sent events) into the shape of a whole one: each
 * choice's content joined in order, its finish reason, the usage of the final chunk, the id and the
 * served model. `onActivity` is called for every chunk.
 *
 * @throws APICallError (retryable, status 200) when the stream ends before every choice has a
 * finish reason (the server or a proxy cut it short), or when the connection breaks midway.
 */
export async function readStreamedCompletion(
  stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>,
  { choices, url, onActivity }: { readonly choices: number; readonly url: string; readonly onActivity?: () => void },
): Promise<OpenAI.Chat.Completions.ChatCompletion> {
  const texts: string[][] = Array.from({ length: choices }, () => []);
  const finishReasons: Array<string | null> = new Array<string | null>(choices).fill(null);
  let id: string | undefined;
  let model: string | undefined;
  let usage: OpenAI.Completions.CompletionUsage | undefined;
  try {
    for await (const chunk of stream) {
      onActivity?.();
      id ??= chunk.id;
      model ??= chunk.model;
      if (chunk.usage != null) usage = chunk.usage;
      for (const choice of chunk.choices ?? []) {
        const index = choice.index ?? 0;
        (texts[index] ??= []).push(choice.delta?.content ?? '');
        if (choice.finish_reason != null) finishReasons[index] = choice.finish_reason;
      }
    }
  } catch (error) {
    if (APICallError.isInstance(error) || isAbort(error)) throw error;
    throw new APICallError({
      message: `OpenAI API call to ${url}: the connection broke while the answer was streaming in: ${(error as Error).message}`,
      url,
      statusCode: 200,
      isRetryable: true,
      cause: error,
    });
  }
  const unfinished = finishReasons.findIndex((reason) => reason == null);
  if (unfinished >= 0) {
    throw new APICallError({
      message:
        `OpenAI API call to ${url}: the streamed answer ended before choice ${unfinished} was complete ` +
        '(no finish reason), so it was cut short on the way.',
      url,
      statusCode: 200,
      isRetryable: true,
    });
  }
  return {
    id: id ?? '',
    object: 'chat.completion',
    created: 0,
    model: model ?? '',
    choices: texts.map((parts, index) => ({
      index,
      message: { role: 'assistant', content: parts.join(''), refusal: null },
      finish_reason: finishReasons[index] as OpenAI.Chat.Completions.ChatCompletion.Choice['finish_reason'],
      logprobs: null,
    })),
    ...(usage == null ? {} : { usage }),
  };
}

// --- Internal helpers ---

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'APIUserAbortError');
}
