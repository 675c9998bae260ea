import type { ConversationFormatterV1 } from '@synthkit/core';
import { checkAlternatingTurns } from './check-alternating-turns';

/**
 * Nemotron's chat format (Nemotron-4 340B base and instruct models), byte for byte NeMo Curator's
 * `NemotronFormatter`: the prefix `<extra_id_0>System\n\n<extra_id_1>User\n` (an empty system
 * turn), then each user turn followed by `\n<extra_id_1>Assistant\n` and each assistant turn by
 * `\n<extra_id_1>User\n`, so the prompt ends where the model writes the next turn.
 *
 * ```ts
 * nemotronFormatter.format([{ role: 'user', content: 'Hello' }]);
 * // '<extra_id_0>System\n\n<extra_id_1>User\nHello\n<extra_id_1>Assistant\n'
 * ```
 *
 * @throws InvalidArgumentError from `format` for a system turn or turns that do not alternate
 * user, assistant, ... (see `checkAlternatingTurns`).
 */
export const nemotronFormatter: ConversationFormatterV1 = {
  specificationVersion: 'v1',
  name: 'nemotron',
  description: 'Nemotron-4 340B: <extra_id_0>System / <extra_id_1>User / <extra_id_1>Assistant turns (NeMo Curator NemotronFormatter).',
  format(messages) {
    checkAlternatingTurns(messages, 'nemotron');
    let prompt = '<extra_id_0>System\n\n<extra_id_1>User\n';
    for (const message of messages) {
      prompt += message.role === 'user' ? `${message.content}\n<extra_id_1>Assistant\n` : `${message.content}\n<extra_id_1>User\n`;
    }
    return prompt;
  },
};
