import { defineTask } from '@synthkit/core';
import { z } from 'zod';
import { additionalTopicsShape } from '../options/additional-topics-shape';
import { conversionOptionsShape } from '../options/conversion-options-shape';
import { languageShape } from '../options/language-shape';
import { positiveCountSchema } from '../options/positive-count-schema';
import { strictOptionsSchema } from '../options/strict-options-schema';
import { conversionTemplates } from '../prompts/conversion-templates';
import { convertGeneratedList } from './convert-generated-list';
import { listTaskModels } from './list-task-models';
import { macroTopicRecords, macroTopicsOutputSchema } from './topic-records';

const pythonMacroTopicsOptionsSchema = strictOptionsSchema({
  /** How many programming concepts to ask the generator for. Required. */
  n_macro_topics: positiveCountSchema('n_macro_topics').describe('How many broad programming concepts to ask the generator for.'),
  ...languageShape,
  ...additionalTopicsShape,
  ...conversionOptionsShape,
});

/** Options of `nemotron:python-macro-topics`, with defaults applied. */
export type PythonMacroTopicsOptions = z.output<typeof pythonMacroTopicsOptionsSchema>;

const pythonMacroTopicsInputSchema = z.object({});

/** `nemotron:python-macro-topics` is a source task: it reads nothing from its (empty) input record. */
export type PythonMacroTopicsInput = z.output<typeof pythonMacroTopicsInputSchema>;

/** One record per concept (and per additional subtopic, with its `topic`). */
export type PythonMacroTopicsOutput = z.output<typeof macroTopicsOutputSchema>;

/**
 * `nemotron:python-macro-topics`: the first stage of the Python pipeline. Asks the generator for
 * `n_macro_topics` broad concepts of programming in `language` (Python unless set) and emits one
 * `{ macro_topic }` record per concept, then the additional topics, as `nemotron:macro-topics` does.
 */
export const pythonMacroTopicsTask = defineTask({
  description: 'Generates n_macro_topics broad concepts of programming in language (default Python); one { macro_topic } record each.',
  options: pythonMacroTopicsOptionsSchema,
  input: pythonMacroTopicsInputSchema,
  output: macroTopicsOutputSchema,
  models: listTaskModels,
  templates: {
    // Asks for `{n_macro_topics}` broad, distinct concepts of programming in `{language}`: the
    // roots of the coding problem tree. The answer is a bare numbered list.
    'python-macro-topics': {
      description: 'Asks for n_macro_topics broad concepts of programming in language, as a numbered list.',
      user: [
        'I am writing programming exercises in {language}. Name {n_macro_topics} of the most important concepts a {language} programmer needs: parts of the language itself, of its standard library, and of how programs in it are commonly written and organised.',
        '',
        'Keep each one short (a few words) and broad enough to hold many narrower concepts, and make them as different from one another as you can.',
        '',
        'Reply with exactly {n_macro_topics} concepts as a numbered list, one concept per line, in the form "1. Concept". Write nothing else: no heading, no introduction, no closing remarks.',
      ].join('\n'),
      variables: ['n_macro_topics', 'language'],
    },
    ...conversionTemplates,
  },
  async run(_input, context) {
    const { options } = context;
    const { text } = await context.generate({
      role: 'generator',
      template: 'python-macro-topics',
      variables: { n_macro_topics: options.n_macro_topics, language: options.language },
    });
    const topics = await convertGeneratedList(context, {
      llmResponse: text,
      expectedLength: options.n_macro_topics,
      acceptWrongLengthWhenIgnoring: true,
    });
    return topics === undefined ? [] : macroTopicRecords(topics, options);
  },
});
