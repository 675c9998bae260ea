import { defineTask } from '@synthkit/core';
import { z } from 'zod';
import { conversionOptionsShape } from '../options/conversion-options-shape';
import { positiveCountSchema } from '../options/positive-count-schema';
import { strictOptionsSchema } from '../options/strict-options-schema';
import { conversionTemplates } from '../prompts/conversion-templates';
import { convertGeneratedList } from './convert-generated-list';
import { listTaskModels } from './list-task-models';

const writingTaskRevisionsOptionsSchema = strictOptionsSchema({
  /** How many revisions to ask for per writing task. Required. */
  n_revisions: positiveCountSchema('n_revisions').describe('How many revisions to ask for per writing task.'),
  ...conversionOptionsShape,
});

/** Options of `nemotron:writing-task-revisions`, with defaults applied. */
export type WritingTaskRevisionsOptions = z.output<typeof writingTaskRevisionsOptionsSchema>;

const writingTaskRevisionsInputSchema = z.object({ openline: z.string().min(1) });

/** Reads the writing task, e.g. from `nemotron:writing-tasks`. */
export type WritingTaskRevisionsInput = z.output<typeof writingTaskRevisionsInputSchema>;

const writingTaskRevisionsOutputSchema = z.object({ revision: z.string().min(1) }).strict();

/** One record per revision. */
export type WritingTaskRevisionsOutput = z.output<typeof writingTaskRevisionsOutputSchema>;

/**
 * `nemotron:writing-task-revisions`: asks the generator for `n_revisions` rewrites of each writing
 * task (`openline`) that add detailed requirements (length, tone, structure, content to include,
 * a reader) and emits one `{ revision }` record per rewrite. The original `openline` stays on each
 * record.
 */
export const writingTaskRevisionsTask = defineTask({
  description: 'Generates n_revisions rewrites of each writing task (openline) with detailed requirements; one { revision } record each.',
  options: writingTaskRevisionsOptionsSchema,
  input: writingTaskRevisionsInputSchema,
  output: writingTaskRevisionsOutputSchema,
  models: listTaskModels,
  templates: {
    // Asks for `{n_revisions}` rewrites of the writing request `{openline}`, each adding concrete
    // requirements. The answer is a bare numbered list, one rewrite per line.
    'writing-task-revisions': {
      description: 'Asks for n_revisions rewrites of the writing task openline that add detailed requirements, as a numbered list.',
      user: [
        'Here is a writing request someone sent to an AI assistant:',
        '',
        '{openline}',
        '',
        'Rewrite it in {n_revisions} different ways, each adding specific requirements the writer must meet: for example a length or word limit, a tone or style, a structure to follow, details or examples to include, or the reader to write for. Each rewrite must still ask for the same kind of text on the same subject, and must be a complete request on its own.',
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
      template: 'writing-task-revisions',
      variables: { openline: input.openline, n_revisions: options.n_revisions },
    });
    const revisions = await convertGeneratedList(context, { llmResponse: text, expectedLength: options.n_revisions });
    return (revisions ?? []).map((revision) => ({ revision }));
  },
});
