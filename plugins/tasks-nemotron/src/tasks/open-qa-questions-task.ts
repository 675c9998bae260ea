import type { TaskV1 } from '@synthkit/core';
import { z } from 'zod';
import { conversionOptionsShape } from '../options/conversion-options-shape';
import { positiveCountSchema } from '../options/positive-count-schema';
import { strictOptionsSchema } from '../options/strict-options-schema';
import { openQAQuestionsTemplate } from '../prompts/open-qa-questions-template';
import { yamlConversionTemplate } from '../prompts/yaml-conversion-template';
import { generateList } from './generate-list';
import { listTaskModels } from './list-task-models';

const openQAQuestionsOptionsSchema = strictOptionsSchema({
  /** How many questions ("openlines") to ask for per topic. Required. */
  n_openlines: positiveCountSchema('n_openlines'),
  ...conversionOptionsShape,
});

/** Options of `nemotron:open-qa-questions`, with defaults applied. */
export type OpenQAQuestionsOptions = z.output<typeof openQAQuestionsOptionsSchema>;

const openQAQuestionsInputSchema = z.object({ topic: z.string().min(1) });

/** Reads the topic, e.g. from `nemotron:subtopics`. */
export type OpenQAQuestionsInput = z.output<typeof openQAQuestionsInputSchema>;

const openQAQuestionsOutputSchema = z.object({ openline: z.string().min(1) }).strict();

/** One record per question. */
export type OpenQAQuestionsOutput = z.output<typeof openQAQuestionsOutputSchema>;

/**
 * `nemotron:open-qa-questions`: asks the generator for `n_openlines` varied questions or requests
 * about each `topic` and emits one `{ openline }` record per question.
 */
export const openQAQuestionsTask: TaskV1<OpenQAQuestionsOptions, OpenQAQuestionsInput, OpenQAQuestionsOutput> = {
  specificationVersion: 'v1',
  description: 'Generates n_openlines open questions or requests about each topic; one { openline } record each.',
  options: openQAQuestionsOptionsSchema,
  input: openQAQuestionsInputSchema,
  output: openQAQuestionsOutputSchema,
  models: listTaskModels,
  templates: { 'open-qa-questions': openQAQuestionsTemplate, 'yaml-conversion': yamlConversionTemplate },
  async run(input, context) {
    const { options } = context;
    const openlines = await generateList(context, {
      template: openQAQuestionsTemplate.name,
      variables: { topic: input.topic, n_openlines: options.n_openlines },
      expectedLength: options.n_openlines,
    });
    return (openlines ?? []).map((openline) => ({ openline }));
  },
};
