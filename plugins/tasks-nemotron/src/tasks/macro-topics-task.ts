import { defineTask } from '@synthkit/core';
import { z } from 'zod';
import { additionalTopicsShape } from '../options/additional-topics-shape';
import { conversionOptionsShape } from '../options/conversion-options-shape';
import { positiveCountSchema } from '../options/positive-count-schema';
import { strictOptionsSchema } from '../options/strict-options-schema';
import { conversionTemplates } from '../prompts/conversion-templates';
import { convertGeneratedList } from './convert-generated-list';
import { listTaskModels } from './list-task-models';
import { macroTopicRecords, macroTopicsOutputSchema } from './topic-records';

const macroTopicsOptionsSchema = strictOptionsSchema({
  /** How many macro topics to ask the generator for. Required. */
  n_macro_topics: positiveCountSchema('n_macro_topics').describe('How many macro topics to ask the generator for.'),
  ...additionalTopicsShape,
  ...conversionOptionsShape,
});

/** Options of `nemotron:macro-topics`, with defaults applied. */
export type MacroTopicsOptions = z.output<typeof macroTopicsOptionsSchema>;

const macroTopicsInputSchema = z.object({});

/** `nemotron:macro-topics` is a source task: it reads nothing from its (empty) input record. */
export type MacroTopicsInput = z.output<typeof macroTopicsInputSchema>;

/** One record per macro topic (and per additional subtopic, with its `topic`). */
export type MacroTopicsOutput = z.output<typeof macroTopicsOutputSchema>;

/**
 * `nemotron:macro-topics`: the first stage of the open QA pipeline. Asks the generator for
 * `n_macro_topics` broad topics, reads the list, appends `additional_macro_topics`, and emits one
 * `{ macro_topic }` record per topic, then one `{ macro_topic, topic }` per `additional_subtopics`
 * entry (see {@link macroTopicRecords}).
 *
 * With `ignore_conversion_failure`, a list of the wrong length is used as it is (NeMo's semantics
 * for this stage); any other conversion failure rejects the seed record and emits nothing, not even
 * the additional topics.
 */
export const macroTopicsTask = defineTask({
  description: 'Generates n_macro_topics broad topics (plus additional_macro_topics and additional_subtopics); one { macro_topic } record each.',
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
    return topics === undefined ? [] : macroTopicRecords(topics, options);
  },
});
