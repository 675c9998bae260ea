import { defineTask } from '@synthkit/core';
import { z } from 'zod';
import { conversionOptionsShape } from '../options/conversion-options-shape';
import { languageShape } from '../options/language-shape';
import { positiveCountSchema } from '../options/positive-count-schema';
import { strictOptionsSchema } from '../options/strict-options-schema';
import { conversionTemplates } from '../prompts/conversion-templates';
import { convertGeneratedList } from './convert-generated-list';
import { listTaskModels } from './list-task-models';

const pythonProblemsOptionsSchema = strictOptionsSchema({
  /** How many problems to ask for per topic. Required. */
  n_openlines: positiveCountSchema('n_openlines').describe('How many coding problems to ask for per topic.'),
  /**
   * The programmer the problems are for; each level has its template
   * (`python-problems-<level>`). @default 'beginner' (NeMo's default template)
   */
  level: z
    .enum(['beginner', 'intermediate', 'advanced'])
    .default('beginner')
    .describe('The programmer the problems are for: beginner, intermediate or advanced (template python-problems-<level>).'),
  ...languageShape,
  ...conversionOptionsShape,
});

/** Options of `nemotron:python-problems`, with defaults applied. */
export type PythonProblemsOptions = z.output<typeof pythonProblemsOptionsSchema>;

const pythonProblemsInputSchema = z.object({ topic: z.string().min(1) });

/** Reads the topic, e.g. from `nemotron:python-subtopics`. */
export type PythonProblemsInput = z.output<typeof pythonProblemsInputSchema>;

const pythonProblemsOutputSchema = z.object({ openline: z.string().min(1) }).strict();

/** One record per problem. */
export type PythonProblemsOutput = z.output<typeof pythonProblemsOutputSchema>;

/** What every problem must be, whatever the level. */
const problemRules =
  'Each problem must say what the program or function takes as input and what it must produce, be solvable on its own without outside files or services, and must not include a solution or a hint.';

/** The closing instruction all three templates share: the format the local parser and the converter read. */
const replyFormat =
  'Reply with exactly {n_openlines} problems as a numbered list, one problem per line, in the form "1. Problem". Keep each on a single line. Write nothing else: no heading, no introduction, no code, no closing remarks.';

/**
 * `nemotron:python-problems`: asks the generator for `n_openlines` coding problems in `language`
 * (Python unless set) that exercise each `topic`, at the `level` chosen, and emits one
 * `{ openline }` record per problem (no solutions).
 */
export const pythonProblemsTask = defineTask({
  description: 'Generates n_openlines coding problems in language about each topic (level beginner, intermediate or advanced); one { openline } record each.',
  options: pythonProblemsOptionsSchema,
  input: pythonProblemsInputSchema,
  output: pythonProblemsOutputSchema,
  models: listTaskModels,
  templates: {
    // Asks for `{n_openlines}` short `{language}` problems on `{topic}` for someone learning to program.
    'python-problems-beginner': {
      description: 'Asks for n_openlines beginner coding problems in language that exercise topic, as a numbered list.',
      user: [
        'Topic: {topic}',
        '',
        `Write {n_openlines} different {language} programming problems that exercise this topic, for a beginner who knows the basics of the language. Keep each one small: a single function or a short script, with plain inputs and outputs. ${problemRules}`,
        '',
        replyFormat,
      ].join('\n'),
      variables: ['topic', 'n_openlines', 'language'],
    },
    // Asks for `{n_openlines}` `{language}` problems on `{topic}` that combine it with other features.
    'python-problems-intermediate': {
      description: 'Asks for n_openlines intermediate coding problems in language that exercise topic, as a numbered list.',
      user: [
        'Topic: {topic}',
        '',
        `Write {n_openlines} different {language} programming problems that exercise this topic, for a programmer who is comfortable with the language. Each should combine the topic with other common features (data structures, error handling, the standard library) and take a few functions or a small class to solve. ${problemRules}`,
        '',
        replyFormat,
      ].join('\n'),
      variables: ['topic', 'n_openlines', 'language'],
    },
    // Asks for `{n_openlines}` demanding `{language}` problems on `{topic}` with performance or design constraints.
    'python-problems-advanced': {
      description: 'Asks for n_openlines advanced coding problems in language that exercise topic, as a numbered list.',
      user: [
        'Topic: {topic}',
        '',
        `Write {n_openlines} different {language} programming problems that exercise this topic, for an experienced programmer. Make them demanding: constraints on time or memory, edge cases that must be handled, concurrency, or a design that has to stay easy to extend. ${problemRules}`,
        '',
        replyFormat,
      ].join('\n'),
      variables: ['topic', 'n_openlines', 'language'],
    },
    ...conversionTemplates,
  },
  async run(input, context) {
    const { options } = context;
    const { text } = await context.generate({
      role: 'generator',
      template: `python-problems-${options.level}`,
      variables: { topic: input.topic, n_openlines: options.n_openlines, language: options.language },
    });
    const problems = await convertGeneratedList(context, { llmResponse: text, expectedLength: options.n_openlines });
    return (problems ?? []).map((openline) => ({ openline }));
  },
});
