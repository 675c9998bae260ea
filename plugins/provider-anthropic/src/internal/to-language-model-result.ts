import type Anthropic from '@anthropic-ai/sdk';
import {
  APICallError,
  type FinishReason,
  type LanguageModelV1Result,
  type LanguageModelV1Usage,
  type LanguageModelV1Warning,
} from '@synthkit/core';
import { parseAnthropicRateLimitHeaders } from '@synthkit/provider-utils';
import { type StructuredOutput, wrappedValueKey } from './to-messages-request';

/** Where a message came from, for {@link toLanguageModelResult}. */
export interface MessageSource {
  /** How the answer must be read: as asked by the request (online), or as the answer shows it (batch). */
  readonly structuredOutput: StructuredOutput | undefined;
  /** The endpoint that answered, for error messages. */
  readonly url: string;
  /** The response headers, for the rate-limit state and the `request-id`; a batch result has none. */
  readonly headers?: Headers;
  /** Warnings about the request (parameters not sent). */
  readonly warnings: ReadonlyArray<LanguageModelV1Warning>;
}

/**
 * A whole message (answered, streamed in, or from a batch's results) as the result of a call: its
 * one choice, usage, response metadata, rate-limit state and the raw message. The online path and
 * the Message Batches path both read answers here, so a batched call answers exactly as an online
 * one.
 *
 * @throws APICallError (retryable, status 200) when the answer cannot be used: the forced tool of a
 * structured answer was not called.
 */
export function toLanguageModelResult(message: Anthropic.Messages.Message, source: MessageSource): LanguageModelV1Result {
  const { structuredOutput, url, headers, warnings } = source;
  const finishReason = finishReasonOf(message.stop_reason, structuredOutput);
  const text = answerText(message, structuredOutput, finishReason, url);
  const rateLimit = headers == null ? undefined : parseAnthropicRateLimitHeaders(headers);
  const requestId = headers?.get('request-id') ?? message.id;
  return {
    choices: [{ text, finishReason }],
    usage: usageOf(message.usage),
    response: {
      ...(typeof message.model === 'string' ? { modelId: message.model } : {}),
      ...(typeof requestId === 'string' && requestId !== '' ? { requestId } : {}),
    },
    ...(rateLimit === undefined ? {} : { rateLimit }),
    ...(warnings.length === 0 ? {} : { warnings: [...warnings] }),
    raw: message,
  };
}

// --- Internal helpers ---

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
  // JSON without a schema comes back as written, without a code fence: the engine checks that it
  // parses and, when it does not, shows the model why in a repair round (a retry would ask the same).
  if (structuredOutput?.kind === 'json') return withoutCodeFence(text);
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
