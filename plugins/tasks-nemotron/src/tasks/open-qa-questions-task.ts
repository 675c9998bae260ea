import { defineTask } from '@synthkit/core';
import { z } from 'zod';
import { conversionOptionsShape } from '../options/conversion-options-shape';
import { positiveCountSchema } from '../options/positive-count-schema';
import { strictOptionsSchema } from '../options/strict-options-schema';
import { conversionTemplates } from '../prompts/conversion-templates';
import { convertGeneratedList } from './convert-generated-list';
import { listTaskModels } from './list-task-models';

const openQAQuestionsOptionsSchema = strictOptionsSchema({
  /** How many questions ("openlines") to ask for per topic. Required. */
  n_openlines: positiveCountSchema('n_openlines').describe('How many questions ("openlines") to ask for per topic.'),
  ...conversionOptionsShape,
});

/** Options of `nemotron:open-qa-questions`, with defaults applied. */
export type OpenQAQuestionsOptions = z.output<typeof openQAQuestionsOptionsSchema>;

const openQAQuestionsInputSchema = z.object({ topic: z.string().min(1) });

/** Reads the topic, e.g. from `nemotron:subtopics`. */
export type OpenQAQuestionsInput = z.output<typeof openQAQuestionsInputSchema>;

const openQAQuestionsOutputSchema = z.object({ openline: z.string().min(1) }).strict();

/** One record per question. */
export type OpenQAQuestionsOutput = z.output<typeof openQAQuestionsOutputSchema>;

/**
 * `nemotron:open-qa-questions`: asks the generator for `n_openlines` varied questions or requests
 * about each `topic` and emits one `{ openline }` record per question.
 */
export const openQAQuestionsTask = defineTask({
  description: 'Generates n_openlines open questions or requests about each topic; one { openline } record each.',
  options: openQAQuestionsOptionsSchema,
  input: openQAQuestionsInputSchema,
  output: openQAQuestionsOutputSchema,
  models: listTaskModels,
  templates: {
    // Asks for `{n_openlines}` varied questions or requests about `{topic}` that a user might send an
    // assistant (the "openlines" of open QA). The answer is a bare numbered list, one item per line,
    // so the converter can copy it.
    'open-qa-questions': {
      description: 'Asks for n_openlines varied questions or requests about topic, as a numbered list.',
      user: [
        'Topic: {topic}',
        '',
        'Write {n_openlines} different things a person might ask an AI assistant about this topic. Vary the kind of request: factual questions, requests for an explanation or for advice, comparisons, and open-ended asks. Each one must make sense on its own, to a reader who has not seen the topic line above.',
        '',
        'Reply with exactly {n_openlines} questions or requests as a numbered list, one per line, in the form "1. Question". Keep each on a single line. Write nothing else: no heading, no introduction, no answers, no closing remarks.',
      ].join('\n'),
      variables: ['topic', 'n_openlines'],
    },
    ...conversionTemplates,
  },
  async run(input, context) {
    const { options } = context;
    const { text } = await context.generate({
      role: 'generator',
      template: 'open-qa-questions',
      variables: { topic: input.topic, n_openlines: options.n_openlines },
    });
    const openlines = await convertGeneratedList(context, { llmResponse: text, expectedLength: options.n_openlines });
    return (openlines ?? []).map((openline) => ({ openline }));
  },
});
