import { type ChatMessage, InvalidArgumentError } from '@synthkit/core';

/**
 * Checks that a conversation is what the Nemotron and Mixtral prompt formats can write, with NeMo
 * Curator's rules: at least one turn, even turns (0, 2, ...) `user`, odd turns `assistant`, and no
 * system turn (these formats have no place for one). For authors of formatters with the same rules.
 *
 * @throws InvalidArgumentError (argument `messages[<turn>].role`, or `messages` when there is no
 * turn) naming the formatter, the turn and what it should be, and how to fix it.
 */
export function checkAlternatingTurns(messages: ReadonlyArray<ChatMessage>, formatter: string): void {
  if (messages.length === 0) {
    throw new InvalidArgumentError({
      argument: 'messages',
      message: `The ${formatter} formatter got a conversation with no turns; it needs at least one user turn.`,
    });
  }
  messages.forEach((message, turn) => {
    if (message.role === 'system') throw systemTurnError(formatter, turn);
    const expected = turn % 2 === 0 ? 'user' : 'assistant';
    if (message.role !== expected) {
      throw new InvalidArgumentError({
        argument: `messages[${turn}].role`,
        message:
          `Conversation turn ${turn} is '${message.role}' but should be '${expected}': the ${formatter} formatter ` +
          "needs turns that alternate 'user', 'assistant', 'user', ..., starting with 'user' " +
          `(all even turns 'user', all odd turns 'assistant').`,
      });
    }
  });
}

/**
 * The error of a formatter that meets a system turn: prompt formats for raw completions have no
 * system role, so the instructions must move into the user turn.
 */
export function systemTurnError(formatter: string, turn: number): InvalidArgumentError {
  return new InvalidArgumentError({
    argument: `messages[${turn}].role`,
    message:
      `Conversation turn ${turn} is a system message, but the ${formatter} formatter has no system role ` +
      '(no conversation formatter does). Put the instructions in the first user message instead: in a ' +
      "recipe, override the stage's template with system: '' and the text in user. Or call the model " +
      'through its chat API, which has a system role (leave out api: completions).',
  });
}
