import type { JsonValue } from '@synthkit/core';

/** One turn of a conversation, as chat-format datasets write it. */
export interface ChatTurn {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/**
 * The turns of a single-turn conversation in the chat `messages` layout SFT trainers and chat
 * templates read (`[{ role, content }]`): the system turn when there is one, then the user's, then
 * the assistant's when there is one. A JSON value, ready to be a record field.
 */
export function chatMessages({ system, user, assistant }: { system?: string; user: string; assistant?: string }): JsonValue[] {
  const turns: ChatTurn[] = [];
  if (system != null) turns.push({ role: 'system', content: system });
  turns.push({ role: 'user', content: user });
  if (assistant != null) turns.push({ role: 'assistant', content: assistant });
  return turns.map((turn) => ({ ...turn }));
}
