import { defineTask } from '@synthkit/core';
import { z } from 'zod';
import { conversionOptionsShape } from '../options/conversion-options-shape';
import { positiveCountSchema } from '../options/positive-count-schema';
import { strictOptionsSchema } from '../options/strict-options-schema';
import { conversionTemplates } from '../prompts/conversion-templates';
import { convertGeneratedList } from './convert-generated-list';
import { listTaskModels } from './list-task-models';

const openQARevisionsOptionsSchema = strictOptionsSchema({
  /** How many revisions to ask for per question. Required. */
  n_revisions: positiveCountSchema('n_revisions').describe('How many revisions to ask for per question.'),
  ...conversionOptionsShape,
});

/** Options of `nemotron:open-qa-revisions`, with defaults applied. */
export type OpenQARevisionsOptions = z.output<typeof openQARevisionsOptionsSchema>;

const openQARevisionsInputSchema = z.object({ openline: z.string().min(1) });

/** Reads the question, e.g. from `nemotron:open-qa-questions`. */
export type OpenQARevisionsInput = z.output<typeof openQARevisionsInputSchema>;

const openQARevisionsOutputSchema = z.object({ revision: z.string().min(1) }).strict();

/** One record per revision. */
export type OpenQARevisionsOutput = z.output<typeof openQARevisionsOutputSchema>;

/**
 * `nemotron:open-qa-revisions`: asks the generator for `n_revisions` richer rewrites of each
 * `openline` (added context, a format or length constraint, or more depth) and emits one
 * `{ revision }` record per rewrite. The original `openline` stays on each record.
 */
export const openQARevisionsTask = defineTask({
  description: 'Generates n_revisions more demanding rewrites of each openline; one { revision } record each.',
  options: openQARevisionsOptionsSchema,
  input: openQARevisionsInputSchema,
  output: openQARevisionsOutputSchema,
  models: listTaskModels,
  templates: {
    // Asks for `{n_revisions}` harder rewrites of the question `{openline}`: each adds context, a
    // constraint on the answer's format or length, or a request for depth. The answer is a bare
    // numbered list, one revision per line, so the converter can copy it.
    'open-qa-revisions': {
      description: 'Asks for n_revisions richer rewrites of openline (added context, format constraints or depth), as a numbered list.',
      user: [
        'Here is a request someone sent to an AI assistant:',
        '',
        '{openline}',
        '',
        'Rewrite it in {n_revisions} different ways, each more demanding than the original. In each rewrite, do one or more of: add background or context about the person asking, set a constraint on the answer (its format, length or style), or ask for more depth or detail. Each rewrite should be two to four sentences long and must still be a complete request that can be answered on its own.',
        '',
        'Reply with exactly {n_revisions} rewrites as a numbered list, one rewrite per line, in the form "1. Rewrite". Do not break a rewrite across lines. Write nothing else: no heading, no introduction, no closing remarks.',
      ].join('\n'),
      variables: ['openline', 'n_revisions'],
    },
    ...conversionTemplates,
  },
  async run(input, context) {
    const { options } = context;
    const { text } = await context.generate({
      role: 'generator',
      template: 'open-qa-revisions',
      variables: { openline: input.openline, n_revisions: options.n_revisions },
    });
    const revisions = await convertGeneratedList(context, { llmResponse: text, expectedLength: options.n_revisions });
    return (revisions ?? []).map((revision) => ({ revision }));
  },
});
