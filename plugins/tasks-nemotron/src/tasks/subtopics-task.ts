import { defineTask } from '@synthkit/core';
import { z } from 'zod';
import { conversionOptionsShape } from '../options/conversion-options-shape';
import { includeMacroTopicShape } from '../options/include-macro-topic-shape';
import { positiveCountSchema } from '../options/positive-count-schema';
import { strictOptionsSchema } from '../options/strict-options-schema';
import { conversionTemplates } from '../prompts/conversion-templates';
import { convertGeneratedList } from './convert-generated-list';
import { listTaskModels } from './list-task-models';
import { subtopicRecords, subtopicsInputSchema, subtopicsOutputSchema } from './topic-records';

const subtopicsOptionsSchema = strictOptionsSchema({
  /** How many subtopics to ask for per macro topic. Required. */
  n_subtopics: positiveCountSchema('n_subtopics').describe('How many subtopics to ask for per macro topic.'),
  ...includeMacroTopicShape,
  ...conversionOptionsShape,
});

/** Options of `nemotron:subtopics`, with defaults applied. */
export type SubtopicsOptions = z.output<typeof subtopicsOptionsSchema>;

/**
 * Reads the macro topic, e.g. from `nemotron:macro-topics`, and `topic` when the record already is
 * a topic (an additional subtopic), which is passed through.
 */
export type SubtopicsInput = z.output<typeof subtopicsInputSchema>;

/** One record per topic. */
export type SubtopicsOutput = z.output<typeof subtopicsOutputSchema>;

/**
 * `nemotron:subtopics`: asks the generator for `n_subtopics` subtopics of each `macro_topic` and
 * emits one `{ topic }` record per subtopic, then one for the macro topic itself when
 * `include_macro_topic` is on. A record that already has a `topic` (an `additional_subtopics`
 * entry of the macro-topics stage) is passed through as it is, with no model call.
 *
 * When a conversion failure is ignored the input is rejected and nothing is emitted, not even the
 * macro topic.
 */
export const subtopicsTask = defineTask({
  description: 'Generates n_subtopics subtopics of each macro_topic; one { topic } record each, plus the macro topic itself.',
  options: subtopicsOptionsSchema,
  input: subtopicsInputSchema,
  output: subtopicsOutputSchema,
  models: listTaskModels,
  templates: {
    // Asks for `{n_subtopics}` distinct subtopics of `{macro_topic}`, narrow enough to write questions
    // about. The answer is a bare numbered list so the converter can copy it.
    subtopics: {
      description: 'Asks for n_subtopics distinct subtopics of macro_topic, as a numbered list.',
      user: [
        'Broad topic: {macro_topic}',
        '',
        'Break this topic down into {n_subtopics} narrower subtopics. Each should be specific enough that someone could ask several concrete questions about it, and together they should cover different sides of the broad topic rather than variations of one idea.',
        '',
        'Reply with exactly {n_subtopics} subtopics as a numbered list, one subtopic per line, in the form "1. Subtopic". Write nothing else: no heading, no introduction, no closing remarks.',
      ].join('\n'),
      variables: ['macro_topic', 'n_subtopics'],
    },
    ...conversionTemplates,
  },
  async run(input, context) {
    if (input.topic !== undefined) return [{ topic: input.topic }];
    const { options } = context;
    const { text } = await context.generate({
      role: 'generator',
      template: 'subtopics',
      variables: { macro_topic: input.macro_topic, n_subtopics: options.n_subtopics },
    });
    const subtopics = await convertGeneratedList(context, { llmResponse: text, expectedLength: options.n_subtopics });
    return subtopics === undefined ? [] : subtopicRecords(subtopics, input.macro_topic, options.include_macro_topic);
  },
});
