import type { TaskV1 } from '@synthkit/core';
import { z } from 'zod';
import { conversionOptionsShape } from '../options/conversion-options-shape';
import { positiveCountSchema } from '../options/positive-count-schema';
import { strictOptionsSchema } from '../options/strict-options-schema';
import { macroTopicsTemplate } from '../prompts/macro-topics-template';
import { yamlConversionTemplate } from '../prompts/yaml-conversion-template';
import { generateList } from './generate-list';
import { listTaskModels } from './list-task-models';

const macroTopicsOptionsSchema = strictOptionsSchema({
  /** How many macro topics to ask the generator for. Required. */
  n_macro_topics: positiveCountSchema('n_macro_topics'),
  /** Topics of your own, emitted after the generated ones (not sent to any model). @default [] */
  additional_macro_topics: z
    .array(z.string().trim().min(1, { error: 'additional_macro_topics must not contain empty topics.' }))
    .default([]),
  ...conversionOptionsShape,
});

/** Options of `nemotron:macro-topics`, with defaults applied. */
export type MacroTopicsOptions = z.output<typeof macroTopicsOptionsSchema>;

const macroTopicsInputSchema = z.object({});

/** `nemotron:macro-topics` is a source task: it reads nothing from its (empty) input record. */
export type MacroTopicsInput = z.output<typeof macroTopicsInputSchema>;

const macroTopicsOutputSchema = z.object({ macro_topic: z.string().min(1) }).strict();

/** One record per macro topic. */
export type MacroTopicsOutput = z.output<typeof macroTopicsOutputSchema>;

/**
 * `nemotron:macro-topics`: the first stage of the open QA pipeline. Asks the generator for
 * `n_macro_topics` broad topics, converts the answer to a list, appends `additional_macro_topics`,
 * and emits one `{ macro_topic }` record per topic.
 *
 * With `ignore_conversion_failure`, a list of the wrong length is used as it is (NeMo's semantics
 * for this stage); any other conversion failure rejects the seed record and emits nothing, not even
 * `additional_macro_topics`.
 */
export const macroTopicsTask: TaskV1<MacroTopicsOptions, MacroTopicsInput, MacroTopicsOutput> = {
  specificationVersion: 'v1',
  description: 'Generates n_macro_topics broad topics (plus additional_macro_topics); one { macro_topic } record each.',
  options: macroTopicsOptionsSchema,
  input: macroTopicsInputSchema,
  output: macroTopicsOutputSchema,
  models: listTaskModels,
  templates: { 'macro-topics': macroTopicsTemplate, 'yaml-conversion': yamlConversionTemplate },
  async run(_input, context) {
    const { options } = context;
    const topics = await generateList(context, {
      template: macroTopicsTemplate.name,
      variables: { n_macro_topics: options.n_macro_topics },
      expectedLength: options.n_macro_topics,
      acceptWrongLengthWhenIgnoring: true,
    });
    if (topics === undefined) return [];
    return [...topics, ...options.additional_macro_topics].map((macro_topic) => ({ macro_topic }));
  },
};
