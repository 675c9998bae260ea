import { defineTask, fieldNameSchema } from '@synthkit/core';
import { z } from 'zod';
import { answerOptionsShape } from '../answers/answer-options-shape';
import { answerRecord } from '../answers/answer-record';
import { answerTemplates } from '../answers/answer-templates';

const answerOptionsSchema = z
  .object({
    ...answerOptionsShape,
    output: fieldNameSchema.default('response').describe('The record field each answer is written to.'),
    n: z.number().int().min(1).max(128).default(1).describe('How many answers to ask for per prompt, in one call; each usable answer becomes a record of its own.'),
  })
  .strict();

/** Options of `quality:answer`, with defaults applied. */
export type AnswerOptions = z.output<typeof answerOptionsSchema>;

/**
 * `quality:answer`: answers the prompt in `prompt_field` (a generated question, an instruction) and
 * writes each answer to `output`, so a pipeline that generates prompts ends in prompt/response
 * pairs. `n` answers are asked for in one call and each usable one becomes a record (the layout SFT
 * trainers read: one pair per row). An answer cut off at max_tokens or blank is refused; when none
 * is left, the record is rejected with the reason.
 */
export const answerTask = defineTask({
  description: 'Answers the prompt in prompt_field; one { <output> } record per usable answer (cut-off and blank answers are refused).',
  options: answerOptionsSchema,
  input: z.record(z.string(), z.json()),
  output: z.record(z.string(), z.string()),
  models: { generator: 'Answers the prompt. Called with the role\'s recipe parameters as they are.' },
  templates: answerTemplates,
  fields: ({ prompt_field, output }) => ({ reads: [prompt_field], writes: [output] }),
  async run(input, context) {
    const answered = await answerRecord(input, context, 'generator');
    return answered?.answers.map((answer) => ({ [context.options.output]: answer })) ?? [];
  },
});
