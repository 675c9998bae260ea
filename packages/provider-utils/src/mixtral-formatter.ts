import type { ConversationFormatterV1 } from '@synthkit/core';
import { checkAlternatingTurns } from './check-alternating-turns';

/**
 * Mixtral 8x7B Instruct's format, byte for byte NeMo Curator's `Mixtral8x7BFormatter` (which
 * differs from the spacing in Mistral's documentation): the prefix `<s> [INST] \n`, then each user
 * turn followed by ` [/INST]` and each assistant turn by `</s>[INST] `.
 *
 * ```ts
 * mixtralFormatter.format([{ role: 'user', content: 'Hello' }]);
 * // '<s> [INST] \nHello [/INST]'
 * ```
 *
 * @throws InvalidArgumentError from `format` for a system turn or turns that do not alternate
 * user, assistant, ... (see `checkAlternatingTurns`).
 */
export const mixtralFormatter: ConversationFormatterV1 = {
  specificationVersion: 'v1',
  name: 'mixtral',
  description: 'Mixtral 8x7B Instruct: <s> [INST] ... [/INST] turns (NeMo Curator Mixtral8x7BFormatter).',
  format(messages) {
    checkAlternatingTurns(messages, 'mixtral');
    let prompt = '<s> [INST] \n';
    for (const message of messages) {
      prompt += message.role === 'user' ? `${message.content} [/INST]` : `${message.content}</s>[INST] `;
    }
    return prompt;
  },
};
