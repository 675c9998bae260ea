import type Anthropic from '@anthropic-ai/sdk';
import { APICallError } from '@synthkit/core';

/**
 * Reads a streamed message (server-sent events) into the shape of a whole one: the message of
 * `message_start`, its content blocks with their text and tool input put together, and the stop
 * reason, stop sequence and usage of `message_delta`. `onActivity` is called for every event.
 *
 * @throws APICallError (retryable, status 200) when the stream ends before `message_stop` (the
 * server or a proxy cut it short), when the connection breaks or the server reports an error
 * midway (an `error` event, e.g. `overloaded_error`), or when a tool's input is not valid JSON.
 */
export async function readStreamedMessage(
  stream: AsyncIterable<Anthropic.Messages.RawMessageStreamEvent>,
  { url, onActivity }: { readonly url: string; readonly onActivity?: () => void },
): Promise<Anthropic.Messages.Message> {
  let message: Anthropic.Messages.Message | undefined;
  /** The JSON text of each tool_use block's input, by block index, until the block stops. */
  const toolInputs = new Map<number, string>();
  let stopped = false;
  try {
    for await (const event of stream) {
      onActivity?.();
      if (event.type === 'message_start') {
        message = { ...event.message, content: [], usage: { ...event.message.usage } };
        continue;
      }
      if (message == null) continue;
      switch (event.type) {
        case 'content_block_start':
          message.content[event.index] = { ...event.content_block } as Anthropic.Messages.ContentBlock;
          if (event.content_block.type === 'tool_use') toolInputs.set(event.index, '');
          break;
        case 'content_block_delta': {
          const block = message.content[event.index];
          if (event.delta.type === 'text_delta' && block?.type === 'text') block.text += event.delta.text;
          if (event.delta.type === 'input_json_delta' && toolInputs.has(event.index)) {
            toolInputs.set(event.index, (toolInputs.get(event.index) ?? '') + event.delta.partial_json);
          }
          break;
        }
        case 'content_block_stop': {
          const block = message.content[event.index];
          const json = toolInputs.get(event.index);
          if (block?.type === 'tool_use' && json != null) block.input = parseToolInput(json, url);
          toolInputs.delete(event.index);
          break;
        }
        case 'message_delta':
          message.stop_reason = event.delta.stop_reason;
          message.stop_sequence = event.delta.stop_sequence;
          message.usage.output_tokens = event.usage.output_tokens;
          // The other counts are whole-message totals, sent only by newer API versions: overwrite, never add.
          if (event.usage.input_tokens != null) message.usage.input_tokens = event.usage.input_tokens;
          if (event.usage.cache_read_input_tokens != null) {
            message.usage.cache_read_input_tokens = event.usage.cache_read_input_tokens;
          }
          if (event.usage.cache_creation_input_tokens != null) {
            message.usage.cache_creation_input_tokens = event.usage.cache_creation_input_tokens;
          }
          break;
        case 'message_stop':
          stopped = true;
          break;
      }
    }
  } catch (error) {
    if (APICallError.isInstance(error) || isAbort(error)) throw error;
    throw new APICallError({
      message: `Anthropic API call to ${url}: ${interruptionOf(error)} while the answer was streaming in`,
      url,
      statusCode: 200,
      isRetryable: true,
      cause: error,
    });
  }
  if (message == null || !stopped) {
    throw new APICallError({
      message:
        message == null
          ? `Anthropic API call to ${url}: the streamed answer ended before it started (no message_start ` +
            'event). If the server cannot stream, set the provider\'s "stream" setting to false.'
          : `Anthropic API call to ${url}: the streamed answer ended before its message_stop event, so it was ` +
            'cut short on the way.',
      url,
      statusCode: 200,
      isRetryable: true,
    });
  }
  // A block the stream left unstopped would hold a JSON buffer, not its input; no answer keeps it.
  message.content = message.content.filter((block) => block != null);
  return message;
}

// --- Internal helpers ---

function parseToolInput(json: string, url: string): unknown {
  if (json.trim() === '') return {};
  try {
    return JSON.parse(json);
  } catch {
    throw new APICallError({
      message: `Anthropic API call to ${url}: the streamed tool input is not valid JSON: ${json.slice(0, 200)}`,
      url,
      statusCode: 200,
      responseBody: json.slice(0, 4096),
      isRetryable: true,
    });
  }
}

/**
 * What broke the stream: the error the server reported in an `error` event (which the SDK raises
 * as an `APIError` without a status), or the connection.
 */
function interruptionOf(error: unknown): string {
  const reported = error as { status?: unknown; type?: unknown; apiMessage?: unknown };
  if (error instanceof Error && reported.status === undefined && typeof reported.type === 'string') {
    const detail = typeof reported.apiMessage === 'string' ? `: ${reported.apiMessage}` : '';
    return `the server reported ${reported.type}${detail}`;
  }
  return `the connection broke (${(error as Error).message})`;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'APIUserAbortError');
}
