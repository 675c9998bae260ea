import { defineTask } from '@synthkit/core';
import { z } from 'zod';
import { answerOptionsShape } from '../answers/answer-options-shape';
import { answerRecord } from '../answers/answer-record';
import { answerTemplates } from '../answers/answer-templates';
import { chatMessages } from '../chat-messages';

const distillOptionsSchema = z
  .object({
    ...answerOptionsShape,
    n: z.number().int().min(1).max(128).default(1).describe('How many teacher answers per prompt, in one call; each usable answer becomes a pair of its own.'),
    messages: z
      .boolean()
      .default(false)
      .describe('Also write the pair as chat turns in `messages` (`[user, assistant]`). The teacher\'s `system_prompt` is left out of them: the student learns to answer without it.'),
  })
  .strict();

/** Options of `quality:distill`, with defaults applied. */
export type DistillOptions = z.output<typeof distillOptionsSchema>;

/**
 * `quality:distill` (knowledge distillation): the `teacher` role answers each prompt of a prompt
 * set (a JSONL file read by a `source:` stage, or prompts an earlier stage generated), giving SFT
 * pairs `{ prompt, response, teacher }` (and `messages` with `messages: true`). `teacher` is the
 * model that answered, `provider:model-id`, so a dataset mixing teachers stays attributable after
 * `_meta` is stripped; the lineage has it too, in `_meta.calls[].model`. Cut-off and blank answers
 * are refused; a record with none left is rejected.
 */
export const distillTask = defineTask({
  description: 'Has the teacher answer each prompt; one SFT pair { prompt, response, teacher } (and messages) per usable answer.',
  options: distillOptionsSchema,
  input: z.record(z.string(), z.json()),
  output: z.object({ prompt: z.string(), response: z.string(), teacher: z.string(), messages: z.array(z.json()).optional() }).strict(),
  models: { teacher: 'Answers every prompt; its answers are what the student learns from. Called with the role\'s recipe parameters as they are.' },
  templates: answerTemplates,
  fields: ({ prompt_field, messages }) => ({ reads: [prompt_field], writes: messages ? ['messages'] : [] }),
  async run(input, context) {
    const answered = await answerRecord(input, context, 'teacher');
    if (answered == null) return [];
    const { prompt, answers } = answered;
    const model = context.model('teacher');
    const teacher = `${model.provider}:${model.modelId}`;
    return answers.map((response) => ({ prompt, response, teacher, ...(context.options.messages ? { messages: chatMessages({ user: prompt, assistant: response }) } : {}) }));
  },
});
