/**
 * Response bodies in the OpenAI wire format: chat completions, text completions, their streamed
 * chunks, and error bodies. "Tokens" are whitespace-separated words throughout: no tokenizer is
 * needed and test authors can count them by eye.
 */

/** One answered choice, after `max_tokens` truncation. */
export interface AnsweredChoice {
  readonly text: string;
  readonly finishReason: 'stop' | 'length';
  /** Log probabilities to send with a non-streaming chat choice. Default: `logprobs: null`. */
  readonly logprobs?: ReadonlyArray<{ readonly token: string; readonly logprob: number }>;
}

/** What every response body of one request shares. */
export interface CompletionEnvelope {
  readonly id: string;
  /** Unix time in seconds. */
  readonly created: number;
  readonly model: string;
  readonly choices: ReadonlyArray<AnsweredChoice>;
  readonly usage: CompletionUsage;
}

export interface CompletionUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
}

/** Number of whitespace-separated words: the token count the test server reports. */
export function countWords(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

/**
 * Keeps the first `maxWords` words of `text` with their original spacing, the way `max_tokens`
 * cuts a real answer short. `finishReason` is `length` when words were dropped.
 */
export function truncateToWords(text: string, maxWords: number | undefined): AnsweredChoice {
  if (maxWords == null || countWords(text) <= maxWords) return { text, finishReason: 'stop' };
  let end = 0;
  let seen = 0;
  for (const word of text.matchAll(/\S+/g)) {
    if (seen === maxWords) break;
    end = word.index + word[0].length;
    seen++;
  }
  return { text: text.slice(0, end), finishReason: 'length' };
}

export function usageOf(promptTexts: ReadonlyArray<string>, choices: ReadonlyArray<AnsweredChoice>): CompletionUsage {
  const promptTokens = promptTexts.reduce((sum, text) => sum + countWords(text), 0);
  const completionTokens = choices.reduce((sum, choice) => sum + countWords(choice.text), 0);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}

/** The body of a non-streaming `POST /v1/chat/completions`. */
export function chatCompletionBody(envelope: CompletionEnvelope): Record<string, unknown> {
  return {
    ...responseFields(envelope, 'chat.completion'),
    choices: envelope.choices.map((choice, index) => ({
      index,
      message: { role: 'assistant', content: choice.text, refusal: null },
      logprobs:
        choice.logprobs == null
          ? null
          : {
              content: choice.logprobs.map(({ token, logprob }) => ({ token, logprob, bytes: [...Buffer.from(token)], top_logprobs: [] })),
              refusal: null,
            },
      finish_reason: choice.finishReason,
    })),
    usage: envelope.usage,
  };
}

/**
 * The `chat.completion.chunk` objects of a streamed chat completion, choice after choice. The first
 * delta of each choice carries `role: "assistant"` (the SDK's stream helper requires it), then one
 * delta per word, then an empty delta with the finish reason. With `includeUsage`, every chunk has
 * `usage: null` and a last chunk with no choices carries the usage, as the API does.
 */
export function chatCompletionChunks(envelope: CompletionEnvelope, includeUsage: boolean): Record<string, unknown>[] {
  return streamedChunks(envelope, 'chat.completion.chunk', includeUsage, (choice, index) => [
    { index, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null },
    ...splitIntoDeltas(choice.text).map((piece) => ({
      index,
      delta: { content: piece },
      logprobs: null,
      finish_reason: null,
    })),
    { index, delta: {}, logprobs: null, finish_reason: choice.finishReason },
  ]);
}

/** The body of a non-streaming `POST /v1/completions`. */
export function textCompletionBody(envelope: CompletionEnvelope): Record<string, unknown> {
  return {
    ...responseFields(envelope, 'text_completion'),
    choices: envelope.choices.map((choice, index) => ({
      index,
      text: choice.text,
      logprobs: null,
      finish_reason: choice.finishReason,
    })),
    usage: envelope.usage,
  };
}

/** The chunks of a streamed text completion: one per word, a finish chunk per choice, then usage. */
export function textCompletionChunks(envelope: CompletionEnvelope, includeUsage: boolean): Record<string, unknown>[] {
  return streamedChunks(envelope, 'text_completion', includeUsage, (choice, index) => [
    ...splitIntoDeltas(choice.text).map((piece) => ({ index, text: piece, logprobs: null, finish_reason: null })),
    { index, text: '', logprobs: null, finish_reason: choice.finishReason },
  ]);
}

/** An OpenAI-format error body. */
export function errorBody(message: string, type: string, code: string | null): Record<string, unknown> {
  return { error: { message, type, param: null, code } };
}

/**
 * Splits text into word-sized deltas whose concatenation is exactly the text (spacing included), as
 * streamed answers arrive in every wire format.
 */
export function splitIntoDeltas(text: string): string[] {
  return text.split(/(?<=\s)(?=\S)/).filter((piece) => piece !== '');
}

// --- Internal helpers ---

/** The fields every response object starts with, bodies and chunks alike: `id`, `object`, `created`, `model`. */
function responseFields(envelope: CompletionEnvelope, object: string): Record<string, unknown> {
  return { id: envelope.id, object, created: envelope.created, model: envelope.model };
}

/**
 * The chunks of a streamed response: each choice's deltas in turn, one chunk per delta, all in the
 * same envelope (`id`, `object`, `created`, `model`). With `includeUsage`, every chunk has
 * `usage: null` and a last chunk with no choices carries the usage, as the API does.
 */
function streamedChunks(
  envelope: CompletionEnvelope,
  object: string,
  includeUsage: boolean,
  choiceDeltas: (choice: AnsweredChoice, index: number) => unknown[],
): Record<string, unknown>[] {
  const chunk = (choices: unknown[], usage?: CompletionUsage) => ({
    ...responseFields(envelope, object),
    choices,
    ...(includeUsage ? { usage: usage ?? null } : {}),
  });
  const chunks: Record<string, unknown>[] = envelope.choices.flatMap((choice, index) =>
    choiceDeltas(choice, index).map((delta) => chunk([delta])),
  );
  if (includeUsage) chunks.push(chunk([], envelope.usage));
  return chunks;
}
