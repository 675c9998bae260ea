import { defineTask } from '@synthkit/core';
import { z } from 'zod';
import { conversionOptionsShape } from '../options/conversion-options-shape';
import { includeMacroTopicShape } from '../options/include-macro-topic-shape';
import { languageShape } from '../options/language-shape';
import { positiveCountSchema } from '../options/positive-count-schema';
import { strictOptionsSchema } from '../options/strict-options-schema';
import { conversionTemplates } from '../prompts/conversion-templates';
import { convertGeneratedList } from './convert-generated-list';
import { listTaskModels } from './list-task-models';
import { subtopicRecords, subtopicsInputSchema, subtopicsOutputSchema } from './topic-records';

const pythonSubtopicsOptionsSchema = strictOptionsSchema({
  /** How many narrower concepts to ask for per concept. Required. */
  n_subtopics: positiveCountSchema('n_subtopics').describe('How many narrower concepts to ask for per programming concept.'),
  ...languageShape,
  ...includeMacroTopicShape,
  ...conversionOptionsShape,
});

/** Options of `nemotron:python-subtopics`, with defaults applied. */
export type PythonSubtopicsOptions = z.output<typeof pythonSubtopicsOptionsSchema>;

/** Reads the concept, e.g. from `nemotron:python-macro-topics` (a record with a `topic` passes through). */
export type PythonSubtopicsInput = z.output<typeof subtopicsInputSchema>;

/** One record per topic. */
export type PythonSubtopicsOutput = z.output<typeof subtopicsOutputSchema>;

/**
 * `nemotron:python-subtopics`: asks the generator for `n_subtopics` narrower concepts of each
 * programming concept (`macro_topic`) in `language` and emits one `{ topic }` record each, then the
 * concept itself when `include_macro_topic` is on; a record that already has a `topic` passes
 * through, as in `nemotron:subtopics`. Each subtopic is emitted once (NeMo's sync pipeline
 * repeated them, quirk 15.1).
 */
export const pythonSubtopicsTask = defineTask({
  description: 'Generates n_subtopics narrower concepts of each programming macro_topic in language; one { topic } record each, plus the macro topic.',
  options: pythonSubtopicsOptionsSchema,
  input: subtopicsInputSchema,
  output: subtopicsOutputSchema,
  models: listTaskModels,
  templates: {
    // Asks for `{n_subtopics}` narrower concepts within the `{language}` concept `{macro_topic}`.
    // The answer is a bare numbered list.
    'python-subtopics': {
      description: 'Asks for n_subtopics narrower concepts of the language concept macro_topic, as a numbered list.',
      user: [
        'Broad topic: {macro_topic}',
        '',
        'This is a concept of programming in {language}. Break it down into {n_subtopics} narrower concepts that a {language} programmer should know within it: specific features, functions or modules, techniques or pitfalls. Each should be specific enough to write several exercises about, and together they should cover different parts of the concept.',
        '',
        'Reply with exactly {n_subtopics} concepts as a numbered list, one concept per line, in the form "1. Concept". Write nothing else: no heading, no introduction, no closing remarks.',
      ].join('\n'),
      variables: ['macro_topic', 'n_subtopics', 'language'],
    },
    ...conversionTemplates,
  },
  async run(input, context) {
    if (input.topic !== undefined) return [{ topic: input.topic }];
    const { options } = context;
    const { text } = await context.generate({
      role: 'generator',
      template: 'python-subtopics',
      variables: { macro_topic: input.macro_topic, n_subtopics: options.n_subtopics, language: options.language },
    });
    const subtopics = await convertGeneratedList(context, { llmResponse: text, expectedLength: options.n_subtopics });
    return subtopics === undefined ? [] : subtopicRecords(subtopics, input.macro_topic, options.include_macro_topic);
  },
});
