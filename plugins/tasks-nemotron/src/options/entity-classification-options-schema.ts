import { z } from 'zod';
import { fieldNameSchema } from '@synthkit/core';
import { strictOptionsSchema } from './strict-options-schema';

/**
 * Schema of the options of an entity classification task (`nemotron:math-entity-classification`,
 * `nemotron:python-entity-classification`): the field read, the field written (`defaultOutput`
 * unless set) and which records are kept.
 */
export function entityClassificationOptionsSchema(defaultOutput: string) {
  return strictOptionsSchema({
    /** The field holding the entity. Default `topic`, what the subtopics tasks write. */
    field: fieldNameSchema.default('topic').describe('The record field holding the entity to classify (a topic, a concept, any short text).'),
    /** The field the verdict goes to. */
    output: fieldNameSchema.default(defaultOutput).describe('The record field the verdict is written to: true for an answer starting "Yes", false for "No".'),
    /** `all` keeps every record with its verdict; `matching` rejects the ones classified false. */
    keep: z
      .enum(['all', 'matching'])
      .default('all')
      .describe(
        '`all`: every record goes on with its verdict. `matching`: only records classified true go on; the others are rejected with the reason "classified as not …", so every dropped entity is in rejects.jsonl.',
      ),
  }).refine((options) => options.output !== options.field, {
    path: ['output'],
    error: (issue) =>
      `is the field the entity is read from (${JSON.stringify((issue.input as { field: string }).field)}), so the verdict would overwrite the entity. Choose another output field.`,
  });
}

/** Options of an entity classification task, with defaults applied. */
export type EntityClassificationOptions = z.output<ReturnType<typeof entityClassificationOptionsSchema>>;
