import { type ConversationFormatterV1, InvalidArgumentError } from '@synthkit/core';
import { systemTurnError } from './check-alternating-turns';

/**
 * No formatting, NeMo Curator's `NoFormat`: the conversation must be exactly one user turn, whose
 * text is sent as the prompt as it is. For base models prompted with plain text.
 *
 * @throws InvalidArgumentError from `format` for a system turn, or for any conversation that is
 * not exactly one user turn.
 */
export const noFormatFormatter: ConversationFormatterV1 = {
  specificationVersion: 'v1',
  name: 'no-format',
  description: 'No formatting: the single user turn is the prompt, as it is (NeMo Curator NoFormat).',
  format(messages) {
    const systemTurn = messages.findIndex((message) => message.role === 'system');
    if (systemTurn >= 0) throw systemTurnError('no-format', systemTurn);
    const [only] = messages;
    if (messages.length !== 1 || only?.role !== 'user') {
      const got = messages.length === 1 ? `one '${only?.role}' turn` : `${messages.length} turns`;
      throw new InvalidArgumentError({
        argument: 'messages',
        message:
          `There must be exactly one turn in the conversation to use the no-format formatter, a 'user' turn; got ${got}. ` +
          'For conversations of several turns, use a formatter that writes turns, such as nemotron or mixtral.',
      });
    }
    return only.content;
  },
};
