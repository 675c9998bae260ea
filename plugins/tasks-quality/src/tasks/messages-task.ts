import { defineTask, fieldNameSchema, readTextField } from '@synthkit/core';
import { z } from 'zod';
import { chatMessages } from '../chat-messages';

const messagesOptionsSchema = z
  .object({
    layout: z
      .enum(['sft', 'preference'])
      .default('sft')
      .describe(
        '`sft`: writes `output`, the conversation `[system?, user, assistant]`. `preference`: rewrites a preference pair into TRL\'s conversational layout, `prompt: [system?, user]`, `chosen: [assistant]`, `rejected: [assistant]`.',
      ),
    prompt_field: fieldNameSchema.default('prompt').describe('The record field that holds the user turn.'),
    response_field: fieldNameSchema
      .optional()
      .meta({ description: 'With `layout: sft`: the record field that holds the assistant turn.', defaultDescription: '`response`' }),
    chosen_field: fieldNameSchema
      .optional()
      .meta({ description: 'With `layout: preference`: the record field that holds the chosen answer.', defaultDescription: '`chosen`' }),
    rejected_field: fieldNameSchema
      .optional()
      .meta({ description: 'With `layout: preference`: the record field that holds the rejected answer.', defaultDescription: '`rejected`' }),
    system_prompt: z.string().min(1).optional().meta({ description: 'A system turn to put first, the same for every record.', defaultDescription: 'none' }),
    system_field: fieldNameSchema
      .optional()
      .meta({ description: 'The record field that holds each record\'s system turn (not with `system_prompt`).', defaultDescription: 'none' }),
    output: fieldNameSchema
      .optional()
      .meta({ description: 'With `layout: sft`: the record field the conversation is written to.', defaultDescription: '`messages`' }),
  })
  .strict()
  .superRefine((options, context) => {
    if (options.system_prompt != null && options.system_field != null) {
      context.addIssue({ code: 'custom', path: ['system_field'], message: 'is set, and so is system_prompt; keep one: the same system turn for every record, or each record\'s own.' });
    }
    const misplaced = options.layout === 'sft' ? (['chosen_field', 'rejected_field'] as const) : (['response_field', 'output'] as const);
    for (const key of misplaced) {
      if (options[key] != null) {
        context.addIssue({ code: 'custom', path: [key], message: `does not apply to layout: ${options.layout}; remove it${options.layout === 'sft' ? ', or set layout: preference' : ''}.` });
      }
    }
  });

/** Options of `quality:messages`, with defaults applied. */
export type MessagesOptions = z.output<typeof messagesOptionsSchema>;

/**
 * `quality:messages`: lays out a prompt and its answer(s) as chat messages, with no model call.
 * `layout: sft` writes `output` (`messages`): `[{ role: 'system' }?, { role: 'user' }, { role:
 * 'assistant' }]` from `prompt_field` and `response_field`. `layout: preference` rewrites `prompt`,
 * `chosen` and `rejected` (from `prompt_field`, `chosen_field`, `rejected_field`) into TRL's
 * conversational preference layout: `prompt` the turns before the answer, `chosen` and `rejected`
 * one assistant turn each. The system turn is `system_prompt`, or each record's `system_field`.
 */
export const messagesTask = defineTask({
  description: 'Lays out prompt and answer fields as chat messages, for SFT ({ messages }) or preference training ({ prompt, chosen, rejected } as turns); no model call.',
  options: messagesOptionsSchema,
  input: z.record(z.string(), z.json()),
  output: z.record(z.string(), z.array(z.json())),
  models: {},
  templates: {},
  fields: (options) => {
    const system = options.system_field == null ? [] : [options.system_field];
    if (options.layout === 'preference') {
      return { reads: [options.prompt_field, options.chosen_field ?? 'chosen', options.rejected_field ?? 'rejected', ...system], writes: ['prompt', 'chosen', 'rejected'] };
    }
    return { reads: [options.prompt_field, options.response_field ?? 'response', ...system], writes: [options.output ?? 'messages'] };
  },
  async run(input, context) {
    const { layout, prompt_field, system_prompt, system_field } = context.options;
    const user = readTextField(input, prompt_field, 'prompt_field');
    const system = system_field == null ? system_prompt : readTextField(input, system_field, 'system_field');
    const withSystem = system == null ? {} : { system };
    if (layout === 'sft') {
      const { response_field = 'response', output = 'messages' } = context.options;
      return [{ [output]: chatMessages({ ...withSystem, user, assistant: readTextField(input, response_field, 'response_field') }) }];
    }
    const { chosen_field = 'chosen', rejected_field = 'rejected' } = context.options;
    return [
      {
        prompt: chatMessages({ ...withSystem, user }),
        chosen: [{ role: 'assistant', content: readTextField(input, chosen_field, 'chosen_field') }],
        rejected: [{ role: 'assistant', content: readTextField(input, rejected_field, 'rejected_field') }],
      },
    ];
  },
});
