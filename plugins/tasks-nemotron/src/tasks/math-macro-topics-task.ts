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

const mathMacroTopicsOptionsSchema = strictOptionsSchema({
  /** How many math topics to ask the generator for. Required. */
  n_macro_topics: positiveCountSchema('n_macro_topics').describe('How many math topics to ask the generator for.'),
  /** The school level the topics are taught at, in words: `elementary school`, `high school`, `university`. @default 'university' */
  school_level: z
    .string()
    .trim()
    .min(1, { error: 'school_level must name a level, e.g. "high school".' })
    .default('university')
    .describe('The school level the topics are taught at, in words: elementary school, high school, university.'),
  ...additionalTopicsShape,
  ...conversionOptionsShape,
});

/** Options of `nemotron:math-macro-topics`, with defaults applied. */
export type MathMacroTopicsOptions = z.output<typeof mathMacroTopicsOptionsSchema>;

const mathMacroTopicsInputSchema = z.object({});

/** `nemotron:math-macro-topics` is a source task: it reads nothing from its (empty) input record. */
export type MathMacroTopicsInput = z.output<typeof mathMacroTopicsInputSchema>;

/** One record per math topic (and per additional subtopic, with its `topic`). */
export type MathMacroTopicsOutput = z.output<typeof macroTopicsOutputSchema>;

/**
 * `nemotron:math-macro-topics`: the first stage of the math pipeline. Asks the generator for
 * `n_macro_topics` broad areas of mathematics taught at `school_level` and emits one
 * `{ macro_topic }` record per area, then the additional topics, as `nemotron:macro-topics` does
 * (a list of the wrong length is used as it is when failures are ignored).
 */
export const mathMacroTopicsTask = defineTask({
  description: 'Generates n_macro_topics math topics taught at school_level (plus additional topics); one { macro_topic } record each.',
  options: mathMacroTopicsOptionsSchema,
  input: mathMacroTopicsInputSchema,
  output: macroTopicsOutputSchema,
  models: listTaskModels,
  templates: {
    // Asks for `{n_macro_topics}` broad areas of mathematics taught at `{school_level}`: the roots
    // of the math problem tree. The answer is a bare numbered list.
    'math-macro-topics': {
      description: 'Asks for n_macro_topics broad areas of mathematics taught at school_level, as a numbered list.',
      user: [
        'I am putting together mathematics exercises for students at this level: {school_level}.',
        '',
        'Name {n_macro_topics} broad areas of mathematics that students are taught at that level. Keep each one short (a few words) and broad enough to hold many narrower subjects, and make them as different from one another as you can.',
        '',
        'Reply with exactly {n_macro_topics} topics as a numbered list, one topic per line, in the form "1. Topic". Write nothing else: no heading, no introduction, no closing remarks.',
      ].join('\n'),
      variables: ['n_macro_topics', 'school_level'],
    },
    ...conversionTemplates,
  },
  async run(_input, context) {
    const { options } = context;
    const { text } = await context.generate({
      role: 'generator',
      template: 'math-macro-topics',
      variables: { n_macro_topics: options.n_macro_topics, school_level: options.school_level },
    });
    const topics = await convertGeneratedList(context, {
      llmResponse: text,
      expectedLength: options.n_macro_topics,
      acceptWrongLengthWhenIgnoring: true,
    });
    return topics === undefined ? [] : macroTopicRecords(topics, options);
  },
});
