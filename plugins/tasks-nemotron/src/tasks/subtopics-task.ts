import { defineTask } from '@synthkit/core';
import { z } from 'zod';
import { conversionOptionsShape } from '../options/conversion-options-shape';
import { positiveCountSchema } from '../options/positive-count-schema';
import { strictOptionsSchema } from '../options/strict-options-schema';
import { conversionTemplates } from '../prompts/conversion-templates';
import { convertGeneratedList } from './convert-generated-list';
import { listTaskModels } from './list-task-models';

const subtopicsOptionsSchema = strictOptionsSchema({
  /** How many subtopics to ask for per macro topic. Required. */
  n_subtopics: positiveCountSchema('n_subtopics').describe('How many subtopics to ask for per macro topic.'),
  /**
   * Also emit the macro topic itself as a topic, after its subtopics, so later stages ask about the
   * broad topic too. NeMo's `combine_topics`. @default true
   */
  include_macro_topic: z
    .boolean()
    .default(true)
    .describe('Also emit the macro topic itself as a topic, after its subtopics, so later stages ask about the broad topic too.'),
  ...conversionOptionsShape,
});

/** Options of `nemotron:subtopics`, with defaults applied. */
export type SubtopicsOptions = z.output<typeof subtopicsOptionsSchema>;

const subtopicsInputSchema = z.object({ macro_topic: z.string().min(1) });

/** Reads the macro topic, e.g. from `nemotron:macro-topics`. */
export type SubtopicsInput = z.output<typeof subtopicsInputSchema>;

const subtopicsOutputSchema = z.object({ topic: z.string().min(1) }).strict();

/** One record per topic. */
export type SubtopicsOutput = z.output<typeof subtopicsOutputSchema>;

/**
 * `nemotron:subtopics`: asks the generator for `n_subtopics` subtopics of each `macro_topic` and
 * emits one `{ topic }` record per subtopic, then one for the macro topic itself when
 * `include_macro_topic` is on.
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
    const { options } = context;
    const { text } = await context.generate({
      role: 'generator',
      template: 'subtopics',
      variables: { macro_topic: input.macro_topic, n_subtopics: options.n_subtopics },
    });
    const subtopics = await convertGeneratedList(context, { llmResponse: text, expectedLength: options.n_subtopics });
    if (subtopics === undefined) return [];
    const topics = options.include_macro_topic ? [...subtopics, input.macro_topic] : subtopics;
    return topics.map((topic) => ({ topic }));
  },
});
