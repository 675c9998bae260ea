import { defineTask } from '@synthkit/core';
import type { z } from 'zod';
import { conversationOptionsSchema } from '../options/conversation-options-schema';
import { positiveCountSchema } from '../options/positive-count-schema';
import { conversationTemplates } from '../prompts/conversation-templates';
import { anyRecordSchema } from './any-record-schema';
import { conversationOutputSchema, runConversationTask } from './continue-conversation';
import { conversationTaskModels } from './conversation-task-models';

const dialogueOptionsSchema = conversationOptionsSchema({
  /** How many user turns the conversation has, the opening prompt included; each is answered. @default 3 (NeMo's) */
  n_user_turns: positiveCountSchema('n_user_turns')
    .default(3)
    .describe('How many user turns the conversation has, the opening prompt included; each one is answered, so a record holds twice as many messages.'),
});

/** Options of `nemotron:dialogue`, with defaults applied. */
export type DialogueOptions = z.output<typeof dialogueOptionsSchema>;

/** Any record; the opening prompt is read from the field the option `field` names (`openline` by default). */
export type DialogueInput = z.output<typeof anyRecordSchema>;

/** One record per input: `{ messages }`, `2 × n_user_turns` chat turns, user first. */
export type DialogueOutput = z.output<typeof conversationOutputSchema>;

/**
 * `nemotron:dialogue`: NeMo's `generate_dialogue`. Grows a multi-turn conversation from each
 * record's opening prompt: the `assistant` model answers, the `user` model, playing the user in the
 * stage's `user_style`, writes a follow-up from the conversation so far, and so on until the
 * conversation has `n_user_turns` user turns, each answered. Writes `messages`, the conversation
 * as `[{ role: 'user' | 'assistant', content }]`, `2 × n_user_turns` turns long.
 *
 * A record whose conversation cannot be completed (a turn cut off by max_tokens, an empty turn, a
 * user turn that speaks as the assistant) is rejected with the turn in the reason, never written
 * with fewer turns.
 */
export const dialogueTask = defineTask({
  description: 'Grows a conversation of n_user_turns user turns, each answered, from each opening prompt (field openline), the user played by a model; writes { messages }.',
  options: dialogueOptionsSchema,
  input: anyRecordSchema,
  output: conversationOutputSchema,
  models: conversationTaskModels,
  templates: conversationTemplates,
  fields: (options) => ({ reads: [options.field] }),
  run: (input, context) => runConversationTask(input, context, 2 * context.options.n_user_turns - 1),
});
