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

const mathSubtopicsOptionsSchema = strictOptionsSchema({
  /** How many subtopics to ask for per math topic. Required. */
  n_subtopics: positiveCountSchema('n_subtopics').describe('How many subtopics to ask for per math topic.'),
  ...includeMacroTopicShape,
  ...conversionOptionsShape,
});

/** Options of `nemotron:math-subtopics`, with defaults applied. */
export type MathSubtopicsOptions = z.output<typeof mathSubtopicsOptionsSchema>;

/** Reads the math topic, e.g. from `nemotron:math-macro-topics` (a record with a `topic` passes through). */
export type MathSubtopicsInput = z.output<typeof subtopicsInputSchema>;

/** One record per topic. */
export type MathSubtopicsOutput = z.output<typeof subtopicsOutputSchema>;

/**
 * `nemotron:math-subtopics`: asks the generator for `n_subtopics` narrower concepts or methods of
 * each math `macro_topic` and emits one `{ topic }` record each, then the macro topic itself when
 * `include_macro_topic` is on; a record that already has a `topic` passes through, as in
 * `nemotron:subtopics`.
 */
export const mathSubtopicsTask = defineTask({
  description: 'Generates n_subtopics subtopics of each math macro_topic; one { topic } record each, plus the macro topic itself.',
  options: mathSubtopicsOptionsSchema,
  input: subtopicsInputSchema,
  output: subtopicsOutputSchema,
  models: listTaskModels,
  templates: {
    // Asks for `{n_subtopics}` concepts, methods or results within the math topic `{macro_topic}`.
    // The answer is a bare numbered list.
    'math-subtopics': {
      description: 'Asks for n_subtopics concepts or methods within the math topic macro_topic, as a numbered list.',
      user: [
        'Broad topic: {macro_topic}',
        '',
        'This is an area of mathematics. Break it down into {n_subtopics} narrower subtopics: specific concepts, methods or results that a student learns within it. Each should be specific enough to write several exercises about, and together they should cover different parts of the topic.',
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
      template: 'math-subtopics',
      variables: { macro_topic: input.macro_topic, n_subtopics: options.n_subtopics },
    });
    const subtopics = await convertGeneratedList(context, { llmResponse: text, expectedLength: options.n_subtopics });
    return subtopics === undefined ? [] : subtopicRecords(subtopics, input.macro_topic, options.include_macro_topic);
  },
});
