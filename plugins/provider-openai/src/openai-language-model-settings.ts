import type { ConversationFormatterV1 } from '@synthkit/core';
import { z } from 'zod';

/**
 * A model's own settings, as a recipe writes them next to the model:
 * `{ model: 'openai:nemotron-4-340b-base', api: completions, formatter: nemotron }`. The runtime
 * resolves `formatter` to the formatter object before they reach `languageModel(modelId, settings)`.
 */
export interface OpenAILanguageModelSettings {
  /**
   * Which API the model is called through: `chat` (`POST /chat/completions`: the server applies
   * the model's chat template) or `completions` (raw `POST /completions`: one prompt string, which
   * `formatter` writes from the conversation; for base models and servers without a chat template).
   * Default: `chat`.
   */
  readonly api?: 'chat' | 'completions';
  /** With `api: completions` (required there): writes conversations as prompts. */
  readonly formatter?: ConversationFormatterV1;
}

/**
 * The zod schema of {@link OpenAILanguageModelSettings}, the provider's `modelSettings`. Strict:
 * an unknown key is an error; `formatter` is required with `api: completions` and refused without.
 */
export const openAILanguageModelSettingsSchema = z
  .strictObject({
    api: z
      .enum(['chat', 'completions'], { error: 'must be "chat" (the default) or "completions"' })
      .optional()
      .meta({
        description:
          'The API the model is called through: `chat` (the server applies the model\'s chat template) or `completions` (raw, one prompt string that `formatter` writes).',
        default: 'chat',
      }),
    formatter: z
      .custom<ConversationFormatterV1>(
        (value) => typeof (value as { format?: unknown } | null)?.format === 'function',
        { error: 'must be a conversation formatter (in a recipe: its name, e.g. nemotron)' },
      )
      .optional()
      .meta({
        description:
          'The conversation formatter that writes each conversation as the prompt, by name (`nemotron`, `mixtral`, `no-format`, or `namespace:name`); required with `api: completions`, refused without.',
        // A recipe names the formatter; the runtime resolves the name before this schema sees it.
        typeDescription: 'formatter name',
      }),
  })
  .superRefine((settings, context) => {
    if (settings.api === 'completions' && settings.formatter === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['formatter'],
        message:
          'api: completions sends one prompt string, so the model needs a formatter to write conversations as ' +
          'prompts: nemotron, mixtral or no-format (synthkit formatters list shows every one installed)',
      });
    }
    if (settings.api !== 'completions' && settings.formatter !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['formatter'],
        message:
          'a formatter is only used with api: completions (the chat API formats conversations itself); ' +
          'add api: completions, or remove the formatter',
      });
    }
  }) satisfies z.ZodType<OpenAILanguageModelSettings>;
