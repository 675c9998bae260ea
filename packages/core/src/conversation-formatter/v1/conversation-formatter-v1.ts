import type { ChatMessage } from '../../language-model/v1/chat-message';

/**
 * Turns chat turns into the single prompt string a raw-completion endpoint expects (a base model
 * behind `POST /completions`, which has no chat template of its own): Nemotron, Mixtral, or no
 * formatting at all. Plugins contribute formatters under `formatters`, addressed as
 * `namespace:name`; a recipe picks one per model (`formatter: nemotron`) and the provider formats
 * every conversation with it before sending.
 */
export interface ConversationFormatterV1 {
  readonly specificationVersion: 'v1';
  /**
   * The formatter's name, the same as its key in the plugin's `formatters`, e.g. `nemotron`. Shown
   * in errors, and part of the response cache key of models using it, so answers to prompts made
   * by one formatter are never replayed for another.
   */
  readonly name: string;
  /** One line for `synthkit formatters list`: which models expect this format. */
  readonly description: string;
  /**
   * The prompt for `messages`. Pure and synchronous: the same turns always give the same text.
   *
   * @throws InvalidArgumentError when the turns cannot be written in this format (a role the
   * format has no place for, turns in the wrong order), naming the turn and what it should be.
   */
  format(messages: ReadonlyArray<ChatMessage>): string;
}
