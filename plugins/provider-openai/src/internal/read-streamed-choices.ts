import { APICallError } from '@synthkit/core';
import type OpenAI from 'openai';
import type { CompletionChoices } from './completion-choices';

/** The part of a streamed chunk the reader uses: chat and text completion chunks both have it. */
export interface StreamedChunk<Choice> {
  readonly id?: string;
  readonly model?: string;
  readonly usage?: OpenAI.Completions.CompletionUsage | null;
  readonly choices?: ReadonlyArray<Choice>;
}

/**
 * Reads a streamed completion (server-sent events) into the shape of a whole one: each choice's
 * text joined in order (`textOf` finds a chunk choice's piece: `delta.content` for chat,
 * `text` for text completions), its finish reason, the usage of the final chunk, the id and the
 * served model. `onActivity` is called for every chunk.
 *
 * @throws APICallError (retryable, status 200) when the stream ends before every choice has a
 * finish reason (the server or a proxy cut it short), or when the connection breaks midway.
 */
export async function readStreamedChoices<Choice extends { readonly index?: number; readonly finish_reason?: string | null }>(
  stream: AsyncIterable<StreamedChunk<Choice>>,
  {
    choices,
    url,
    textOf,
    onActivity,
  }: {
    /** How many choices were asked for (`n`). */
    readonly choices: number;
    readonly url: string;
    readonly textOf: (choice: Choice) => string | null | undefined;
    readonly onActivity?: (() => void) | undefined;
  },
): Promise<CompletionChoices> {
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
        (texts[index] ??= []).push(textOf(choice) ?? '');
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
    id,
    model,
    choices: texts.map((parts, index) => ({ index, text: parts.join(''), finishReason: finishReasons[index] })),
    usage,
  };
}

// --- Internal helpers ---

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'APIUserAbortError');
}
