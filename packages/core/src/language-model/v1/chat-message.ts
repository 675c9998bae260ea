/** Roles a chat turn can have. */
export type ChatRole = 'system' | 'user' | 'assistant';

/** One chat turn. Content is plain text. */
export interface ChatMessage {
  readonly role: ChatRole;
  readonly content: string;
}
