import { defineTask } from '@synthkit/core';
import type { z } from 'zod';
import { conversationOptionsSchema } from '../options/conversation-options-schema';
import { conversationTemplates } from '../prompts/conversation-templates';
import { anyRecordSchema } from './any-record-schema';
import { conversationOutputSchema, runConversationTask } from './continue-conversation';
import { conversationTaskModels } from './conversation-task-models';

const twoTurnPromptsOptionsSchema = conversationOptionsSchema({});

/** Options of `nemotron:two-turn-prompts`, with defaults applied. */
export type TwoTurnPromptsOptions = z.output<typeof twoTurnPromptsOptionsSchema>;

/** Any record; the opening prompt is read from the field the option `field` names (`openline` by default). */
export type TwoTurnPromptsInput = z.output<typeof anyRecordSchema>;

/** One record per input: `{ messages }`, three chat turns: user, assistant, user. */
export type TwoTurnPromptsOutput = z.output<typeof conversationOutputSchema>;

/**
 * `nemotron:two-turn-prompts`: NeMo's `generate_two_turn_prompt`. The `assistant` model answers
 * each record's opening prompt, then the `user` model, playing the user in the stage's
 * `user_style`, writes a follow-up. Writes `messages` (user, assistant, user): a prompt whose last
 * turn is still to be answered, ready for a response or preference stage.
 *
 * Turns are checked as in `nemotron:dialogue`: a turn cut off by max_tokens, an empty turn or a
 * user turn that speaks as the assistant rejects the record.
 */
export const twoTurnPromptsTask = defineTask({
  description: 'Answers each opening prompt (field openline), then has a model playing the user write a follow-up; writes { messages }: user, assistant, user.',
  options: twoTurnPromptsOptionsSchema,
  input: anyRecordSchema,
  output: conversationOutputSchema,
  models: conversationTaskModels,
  templates: conversationTemplates,
  fields: (options) => ({ reads: [options.field] }),
  run: (input, context) => runConversationTask(input, context, 2),
});
