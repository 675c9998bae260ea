import { defineTask } from '@synthkit/core';
import { z } from 'zod';
import { conversionOptionsShape } from '../options/conversion-options-shape';
import { positiveCountSchema } from '../options/positive-count-schema';
import { strictOptionsSchema } from '../options/strict-options-schema';
import { conversionTemplates } from '../prompts/conversion-templates';
import { convertGeneratedList } from './convert-generated-list';
import { listTaskModels } from './list-task-models';

const macroTopicsOptionsSchema = strictOptionsSchema({
  /** How many macro topics to ask the generator for. Required. */
  n_macro_topics: positiveCountSchema('n_macro_topics').describe('How many macro topics to ask the generator for.'),
  /** Topics of your own, emitted after the generated ones (not sent to any model). @default [] */
  additional_macro_topics: z
    .array(z.string().trim().min(1, { error: 'additional_macro_topics must not contain empty topics.' }))
    .default([])
    .describe('Topics of your own, emitted after the generated ones; no model sees them.'),
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
export const macroTopicsTask = defineTask({
  description: 'Generates n_macro_topics broad topics (plus additional_macro_topics); one { macro_topic } record each.',
  options: macroTopicsOptionsSchema,
  input: macroTopicsInputSchema,
  output: macroTopicsOutputSchema,
  models: listTaskModels,
  templates: {
    // Asks for `{n_macro_topics}` broad, varied topics covering everyday life, the world and science:
    // the roots of the open QA tree. The answer is a bare numbered list so the converter can copy it.
    'macro-topics': {
      description: 'Asks for n_macro_topics broad topics about everyday life, the world and science, as a numbered list.',
      user: [
        'I am collecting broad subject areas that people ask an AI assistant about. Name {n_macro_topics} of them, spread across everyday life, the world around us, and science and technology.',
        '',
        'Keep each one short (a few words) and broad enough to hold many narrower subjects. Make them as different from one another as you can: no two should overlap much.',
        '',
        'Reply with exactly {n_macro_topics} topics as a numbered list, one topic per line, in the form "1. Topic". Write nothing else: no heading, no introduction, no closing remarks.',
      ].join('\n'),
      variables: ['n_macro_topics'],
    },
    ...conversionTemplates,
  },
  async run(_input, context) {
    const { options } = context;
    const { text } = await context.generate({
      role: 'generator',
      template: 'macro-topics',
      variables: { n_macro_topics: options.n_macro_topics },
    });
    const topics = await convertGeneratedList(context, {
      llmResponse: text,
      expectedLength: options.n_macro_topics,
      acceptWrongLengthWhenIgnoring: true,
    });
    if (topics === undefined) return [];
    return [...topics, ...options.additional_macro_topics].map((macro_topic) => ({ macro_topic }));
  },
});
