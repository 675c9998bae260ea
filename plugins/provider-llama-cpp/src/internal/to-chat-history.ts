import type { ChatMessage } from '@synthkit/core';
import type { ChatHistoryItem } from 'node-llama-cpp';

/**
 * Chat messages as node-llama-cpp's chat history: system, user and model turns, which the model's
 * chat wrapper writes with its template. A last assistant message is a start the answer continues.
 */
export function toChatHistory(messages: ReadonlyArray<ChatMessage>): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = messages.map((message) =>
    message.role === 'system'
      ? { type: 'system', text: message.content }
      : message.role === 'user'
        ? { type: 'user', text: message.content }
        : { type: 'model', response: [message.content] },
  );
  if (history.at(-1)?.type !== 'model') history.push({ type: 'model', response: [] });
  return history;
}
