import type { ChatMessage } from '../language-model/v1/chat-message';

/**
 * Turns chat turns into the single prompt string a raw-completion endpoint expects (Nemotron,
 * Mixtral, or no formatting at all). Formatters throw `InvalidArgumentError` on turn orders their
 * model cannot represent.
 */
export interface ConversationFormatter {
  /** Short name used in recipes, e.g. `nemotron`. */
  readonly name: string;
  format(messages: ReadonlyArray<ChatMessage>): string;
}
