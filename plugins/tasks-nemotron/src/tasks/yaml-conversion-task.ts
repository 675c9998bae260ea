import { defineTask, fieldNameSchema } from '@synthkit/core';
import { z } from 'zod';
import { converterRole } from '../convert-to-yaml-list';
import { conversionOptionsShape } from '../options/conversion-options-shape';
import { positiveCountSchema } from '../options/positive-count-schema';
import { strictOptionsSchema } from '../options/strict-options-schema';
import { conversionTemplates } from '../prompts/conversion-templates';
import { anyRecordSchema } from './any-record-schema';
import { convertGeneratedList } from './convert-generated-list';
import { listTaskModels } from './list-task-models';
import { readTextField } from './read-text-field';

const yamlConversionOptionsSchema = strictOptionsSchema({
  /** The field holding the text with a list in it. @default 'text' */
  field: fieldNameSchema.default('text').describe('The record field holding the text with a list in it (an answer, a document).'),
  /** The field the list of items is written to. @default 'items' */
  output: fieldNameSchema.default('items').describe('The record field the list of items (strings) is written to.'),
  /** How many items the list must have. Default: any number (NeMo's conversion checks no length). */
  n_items: positiveCountSchema('n_items')
    .optional()
    .describe('How many items the list must have (wrong-length otherwise). Leave it out to accept any number, as NeMo\'s conversion does.'),
  ...conversionOptionsShape,
})
  .refine((options) => options.output !== options.field, {
    path: ['output'],
    error: (issue) =>
      `is the field the text is read from (${JSON.stringify((issue.input as { field: string }).field)}), so the list would overwrite the text. Choose another output field.`,
  })
  .refine((options) => !options.trim_to_length || options.n_items !== undefined, {
    path: ['trim_to_length'],
    error: 'needs n_items: it keeps the first n_items items of a longer list. Set n_items, or remove trim_to_length.',
  });

/** Options of `nemotron:yaml-conversion`, with defaults applied. */
export type YamlConversionOptions = z.output<typeof yamlConversionOptionsSchema>;

/** Any record; the text is read from the field the option `field` names (`text` by default). */
export type YamlConversionInput = z.output<typeof anyRecordSchema>;

const yamlConversionOutputSchema = z.record(z.string(), z.array(z.string()));

/** One record per input, `{ [output]: string[] }` (`items` by default). */
export type YamlConversionOutput = z.output<typeof yamlConversionOutputSchema>;

/**
 * `nemotron:yaml-conversion`: NeMo's `convert_response_to_yaml_list` as a stage of its own. Reads
 * the list in the text of the field `field` and writes its items to `output`, with the checks,
 * modes and failure policy every list task of this plugin has (`conversionOptionsShape`): `auto`
 * reads it locally and calls the `converter` only for a text it cannot read, `llm` always calls
 * the converter, `local` never does; `parse-error`, `not-a-list`, `non-string-item`,
 * `hallucination` (an item not in the text) and, with `n_items`, `wrong-length` fail the record,
 * or reject it with `ignore_conversion_failure`.
 *
 * A blank text is rejected without a model call (`blank text`).
 */
export const yamlConversionTask = defineTask({
  description: 'Reads the list in the text of field (text) into a list of strings in output (items), locally or with the converter model; one record per input.',
  options: yamlConversionOptionsSchema,
  input: anyRecordSchema,
  output: yamlConversionOutputSchema,
  models: { [converterRole]: listTaskModels.converter },
  templates: conversionTemplates,
  fields: (options) => ({ reads: [options.field], writes: [options.output] }),
  async run(input, context) {
    const { field, output, n_items } = context.options;
    const text = readTextField(input, field, 'text');
    if (text.trim() === '') {
      context.reject(`blank text: the field "${field}" is empty, so there is no list to read`, { field });
      return [];
    }
    const items = await convertGeneratedList(context, { llmResponse: text, ...(n_items === undefined ? {} : { expectedLength: n_items }) });
    return items === undefined ? [] : [{ [output]: items }];
  },
});
