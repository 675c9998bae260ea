import { defineTask } from '@synthkit/core';
import { z } from 'zod';
import { conversionOptionsShape } from '../options/conversion-options-shape';
import { positiveCountSchema } from '../options/positive-count-schema';
import { strictOptionsSchema } from '../options/strict-options-schema';
import { conversionTemplates } from '../prompts/conversion-templates';
import { convertGeneratedList } from './convert-generated-list';
import { listTaskModels } from './list-task-models';

const mathProblemsOptionsSchema = strictOptionsSchema({
  /** How many problems to ask for per topic. Required. */
  n_openlines: positiveCountSchema('n_openlines').describe('How many math problems to ask for per topic.'),
  /**
   * Who the problems are for: `general` (varied difficulty and kinds, template
   * `math-problems-general`) or `beginner` (first steps, template `math-problems-beginner`).
   * @default 'general'
   */
  level: z
    .enum(['general', 'beginner'])
    .default('general')
    .describe('Who the problems are for: general (varied difficulty; template math-problems-general) or beginner (template math-problems-beginner).'),
  ...conversionOptionsShape,
});

/** Options of `nemotron:math-problems`, with defaults applied. */
export type MathProblemsOptions = z.output<typeof mathProblemsOptionsSchema>;

const mathProblemsInputSchema = z.object({ topic: z.string().min(1) });

/** Reads the topic, e.g. from `nemotron:math-subtopics`. */
export type MathProblemsInput = z.output<typeof mathProblemsInputSchema>;

const mathProblemsOutputSchema = z.object({ openline: z.string().min(1) }).strict();

/** One record per problem. */
export type MathProblemsOutput = z.output<typeof mathProblemsOutputSchema>;

/** The closing instruction both templates share: the format the local parser and the converter read. */
const replyFormat =
  'Reply with exactly {n_openlines} problems as a numbered list, one problem per line, in the form "1. Problem". Keep each on a single line. Write nothing else: no heading, no introduction, no solutions, no closing remarks.';

/**
 * `nemotron:math-problems`: asks the generator for `n_openlines` self-contained math problems
 * about each `topic` or solved with it, at the `level` chosen, and emits one `{ openline }` record
 * per problem (no solutions).
 */
export const mathProblemsTask = defineTask({
  description: 'Generates n_openlines math problems about each topic (level general or beginner); one { openline } record each.',
  options: mathProblemsOptionsSchema,
  input: mathProblemsInputSchema,
  output: mathProblemsOutputSchema,
  models: listTaskModels,
  templates: {
    // Asks for `{n_openlines}` varied, self-contained problems about `{topic}` or solved with it.
    'math-problems-general': {
      description: 'Asks for n_openlines varied, self-contained math problems about topic or solved with it, as a numbered list.',
      user: [
        'Topic: {topic}',
        '',
        'Write {n_openlines} different mathematics problems that are about this topic or that are solved by using it. Vary their difficulty and their kind: calculations, word problems, proofs, and problems that apply the idea to a real situation. Each problem must be complete and self-contained, giving every number and condition needed to solve it, and must not include its answer or a hint.',
        '',
        replyFormat,
      ].join('\n'),
      variables: ['topic', 'n_openlines'],
    },
    // Asks for `{n_openlines}` approachable problems about `{topic}` for someone meeting it for the
    // first time.
    'math-problems-beginner': {
      description: 'Asks for n_openlines approachable math problems about topic for a beginner, as a numbered list.',
      user: [
        'Topic: {topic}',
        '',
        'Write {n_openlines} different mathematics problems about this topic for a beginner who is meeting it for the first time. Keep them approachable: small numbers, one or two steps each, and everyday situations where they help. Each problem must be complete and self-contained, giving every number and condition needed to solve it, and must not include its answer or a hint.',
        '',
        replyFormat,
      ].join('\n'),
      variables: ['topic', 'n_openlines'],
    },
    ...conversionTemplates,
  },
  async run(input, context) {
    const { options } = context;
    const { text } = await context.generate({
      role: 'generator',
      template: options.level === 'beginner' ? 'math-problems-beginner' : 'math-problems-general',
      variables: { topic: input.topic, n_openlines: options.n_openlines },
    });
    const problems = await convertGeneratedList(context, { llmResponse: text, expectedLength: options.n_openlines });
    return (problems ?? []).map((openline) => ({ openline }));
  },
});
