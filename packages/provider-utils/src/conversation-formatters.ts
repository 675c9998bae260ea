import type { ConversationFormatterV1 } from '@synthkit/core';
import { mixtralFormatter } from './mixtral-formatter';
import { nemotronFormatter } from './nemotron-formatter';
import { noFormatFormatter } from './no-format-formatter';

/**
 * The built-in conversation formatters by name, NeMo Curator's three: `nemotron`, `mixtral` and
 * `no-format`. Providers that offer raw completions register them as their plugin's `formatters`.
 */
export const conversationFormatters = {
  nemotron: nemotronFormatter,
  mixtral: mixtralFormatter,
  'no-format': noFormatFormatter,
} as const satisfies Readonly<Record<string, ConversationFormatterV1>>;
