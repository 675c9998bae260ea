import { defineTask, fieldNameSchema, type JsonValue } from '@synthkit/core';
import { z } from 'zod';
import { jsonSchemaOf, responseSchemaSchema } from '../options/response-schema';
import { blankAnswerReason, usableAnswers } from '../usable-answers';

const promptOptionsSchema = z
  .object({
    output: fieldNameSchema.default('response').describe('The record field the answer is written to.'),
    format: z
      .enum(['text', 'json'])
      .optional()
      .meta({
        description:
          '`text`: the answer as written, trimmed. `json`: a JSON value (an object, unless `schema` says otherwise), checked by the engine, which sends an answer that does not parse or fit back to the model once to be fixed.',
        defaultDescription: '`json` when `schema` is set, else `text`',
      }),
    schema: responseSchemaSchema.optional().meta({
      description:
        'The JSON Schema every answer must fit (a zod schema in code); implies `format: json`. The provider is asked to follow it, and the engine checks each answer against it.',
      typeDescription: 'a JSON Schema (a zod schema in code)',
    }),
    n: z.number().int().min(1).default(1).describe('How many answers to ask for per record; each becomes a record of its own.'),
  })
  .strict()
  .superRefine((options, context) => {
    if (options.format === 'text' && options.schema != null) {
      context.addIssue({
        code: 'custom',
        path: ['format'],
        message: 'is text, but a schema is set, and answers checked against a schema are JSON. Remove `format: text` or the schema.',
      });
    }
  });

/** Options of `transform:prompt`, with defaults applied. */
export type PromptOptions = z.output<typeof promptOptionsSchema>;

/**
 * `transform:prompt`: the stage's own prompt over any fields of the record. The recipe writes the
 * prompt as an override of the task's one template, `prompt`; its placeholders name record fields
 * (`{text}`), the recipe's `variables`, or `{json_schema}` (the schema as JSON text, for models
 * without structured output). `synthkit validate` checks every placeholder against the fields that
 * reach the stage, at `stages[N].templates.prompt`.
 *
 * Each of the `n` answers becomes one record, `{ [output]: answer }`: the trimmed text, or with
 * `format: json` / `schema` the parsed JSON value. Blank text answers are left out; when none is
 * left the record is rejected. A JSON answer that does not parse or fit the schema is sent back
 * once by the engine; one that still does not fit rejects the record.
 */
export const promptTask = defineTask({
  description: 'Answers your own prompt over any fields of each record; one { <output> } record per answer, as text or JSON fitting a schema.',
  options: promptOptionsSchema,
  input: z.record(z.string(), z.json()),
  output: z.record(z.string(), z.json()),
  models: { generator: 'Answers the stage\'s prompt. Called with the role\'s recipe parameters as they are.' },
  templates: {
    prompt: {
      description:
        'Your prompt: override it under templates.prompt, quoting the record\'s fields ({text}) and the recipe\'s variables. The default sends each record\'s text field as it is.',
      user: '{text}',
      variables: ['json_schema'],
    },
  },
  fields: ({ output }) => ({ writes: [output] }),
  async run(_input, context) {
    const { options } = context;
    const json = options.schema != null || options.format === 'json';
    const result = await context.generate({
      role: 'generator',
      template: 'prompt',
      variables: { json_schema: options.schema == null ? '' : JSON.stringify(jsonSchemaOf(options.schema), null, 2) },
      ...(options.n === 1 ? {} : { params: { n: options.n } }),
      ...(json ? { responseFormat: options.schema == null ? { type: 'json' as const } : { type: 'json' as const, schema: options.schema } } : {}),
    });
    // The engine parsed and checked every JSON answer; an unfixable one rejected the record already.
    if (json) return (result.objects ?? []).map((value) => ({ [options.output]: value as JsonValue }));
    const answers = usableAnswers(result.texts);
    if (answers.length === 0) {
      context.reject(blankAnswerReason);
      return [];
    }
    return answers.map((answer) => ({ [options.output]: answer }));
  },
});
