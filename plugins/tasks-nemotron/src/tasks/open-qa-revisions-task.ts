import type { TaskV1 } from '@synthkit/core';
import { z } from 'zod';
import { conversionOptionsShape } from '../options/conversion-options-shape';
import { positiveCountSchema } from '../options/positive-count-schema';
import { strictOptionsSchema } from '../options/strict-options-schema';
import { openQARevisionsTemplate } from '../prompts/open-qa-revisions-template';
import { yamlConversionTemplate } from '../prompts/yaml-conversion-template';
import { generateList } from './generate-list';
import { listTaskModels } from './list-task-models';

const openQARevisionsOptionsSchema = strictOptionsSchema({
  /** How many revisions to ask for per question. Required. */
  n_revisions: positiveCountSchema('n_revisions'),
  ...conversionOptionsShape,
});

/** Options of `nemotron:open-qa-revisions`, with defaults applied. */
export type OpenQARevisionsOptions = z.output<typeof openQARevisionsOptionsSchema>;

const openQARevisionsInputSchema = z.object({ openline: z.string().min(1) });

/** Reads the question, e.g. from `nemotron:open-qa-questions`. */
export type OpenQARevisionsInput = z.output<typeof openQARevisionsInputSchema>;

const openQARevisionsOutputSchema = z.object({ revision: z.string().min(1) }).strict();

/** One record per revision. */
export type OpenQARevisionsOutput = z.output<typeof openQARevisionsOutputSchema>;

/**
 * `nemotron:open-qa-revisions`: asks the generator for `n_revisions` richer rewrites of each
 * `openline` (added context, a format or length constraint, or more depth) and emits one
 * `{ revision }` record per rewrite. The original `openline` stays on each record.
 */
export const openQARevisionsTask: TaskV1<OpenQARevisionsOptions, OpenQARevisionsInput, OpenQARevisionsOutput> = {
  specificationVersion: 'v1',
  description: 'Generates n_revisions more demanding rewrites of each openline; one { revision } record each.',
  options: openQARevisionsOptionsSchema,
  input: openQARevisionsInputSchema,
  output: openQARevisionsOutputSchema,
  models: listTaskModels,
  templates: { 'open-qa-revisions': openQARevisionsTemplate, 'yaml-conversion': yamlConversionTemplate },
  async run(input, context) {
    const { options } = context;
    const revisions = await generateList(context, {
      template: openQARevisionsTemplate.name,
      variables: { openline: input.openline, n_revisions: options.n_revisions },
      expectedLength: options.n_revisions,
    });
    return (revisions ?? []).map((revision) => ({ revision }));
  },
};
