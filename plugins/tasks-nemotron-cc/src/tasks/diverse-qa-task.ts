import { defineTask } from '@synthkit/core';
import { z } from 'zod';
import { nemotronCCGenerationDefaults } from '../options/nemotron-cc-generation-defaults';
import { rewriteOptionsShape } from '../options/rewrite-options-shape';
import { diverseQAHeader, postProcessDiverseQA } from '../post-processing/post-process-diverse-qa';
import { nemotronCCSystemPrompt } from '../prompts/system-prompts';
import { documentRecordSchema, readDocument } from './document-record';
import { finishRewrite } from './finish-rewrite';

const diverseQAOptionsSchema = z
  .object({
    ...rewriteOptionsShape({ maxAnswerTokens: 598, minOutputTokens: 100 }),
    select_pairs: z
      .boolean()
      .default(true)
      .describe(
        'Split the answer into question-answer pairs, keep a random number of them that grows with the length of the text, and write ' +
          'the text followed by the kept pairs. False writes the answer as the model gave it.',
      ),
    max_num_pairs: z
      .int()
      .min(1)
      .default(1)
      .describe(
        'At most this many pairs are kept per 150 tokens of text (at least one pair always is): randint(1, max(1, floor(max_num_pairs × text tokens / 150))).',
      ),
    header: z
      .string()
      .default(diverseQAHeader)
      .describe('The header line the prompt asks the answer to begin with; it is dropped before the pairs are split.'),
  })
  .strict();

/** Options of `nemotron-cc:diverse-qa`, with defaults applied. */
export type DiverseQAOptions = z.output<typeof diverseQAOptionsSchema>;

const diverseQAOutputSchema = z.object({ diverse_qa: z.string().min(1) }).strict();

/** The text followed by the kept question-answer pairs. */
export type DiverseQAOutput = z.output<typeof diverseQAOutputSchema>;

/**
 * `nemotron-cc:diverse-qa`: asks for up to 8 varied question-answer pairs about each document
 * (`input_field`, `text` by default) and writes the document followed by a random selection of them to `diverse_qa`.
 *
 * `max_num_pairs` defaults to 1, NeMo Curator's legacy default, rather than the Ray line's 10: the
 * formula reads it as pairs per 150 tokens of text, so 1 keeps one to two pairs for a 300-token
 * segment and up to six for the 1,000-token segments the task is budgeted for, while 10 lets every
 * segment of more than 15 tokens keep up to all of its pairs, which makes the random selection
 * mostly a no-op. Set 10 to reproduce NeMo's Ray stage.
 */
export const diverseQATask = defineTask({
  description: 'Writes up to 8 varied question-answer pairs about each text and keeps a random few after the text; writes diverse_qa.',
  options: diverseQAOptionsSchema,
  input: documentRecordSchema,
  output: diverseQAOutputSchema,
  models: { generator: 'Writes the questions and answers.' },
  templates: {
    'diverse-qa': {
      description: 'Asks for up to 8 varied questions about document with their answers, after a fixed header line, one "- Question: ... Answer: ..." line each.',
      system: nemotronCCSystemPrompt,
      user: [
        'Read the text below, then write up to 8 questions that can be answered from it, each followed by its answer. Make the questions varied: mix yes/no questions, open questions, multiple-choice questions (give the options in the question) and questions that compare or contrast things the text describes. Ask about the substance of the text, its facts, ideas and reasoning, not about its wording or layout. Every answer must be supported by the text and must make sense on its own, without phrases such as "according to the text".',
        '',
        'Text:',
        '{document}',
        '',
        'Answer in exactly this format, with nothing before or after it:',
        'Here are the questions and answers based on the provided text:',
        '- Question: [the first question] Answer: [its answer]',
        '- Question: [the second question] Answer: [its answer]',
      ].join('\n'),
      variables: ['document'],
    },
  },
  fields: (options) => ({ reads: [options.input_field] }),
  async run(input, context) {
    const document = readDocument(input, context.options.input_field);
    const { text } = await context.generate({
      role: 'generator',
      template: 'diverse-qa',
      variables: { document },
      defaults: nemotronCCGenerationDefaults(600),
    });
    const { select_pairs: selectPairs, max_num_pairs: maxNumPairs, header } = context.options;
    return finishRewrite(context, text, 'diverse_qa', (answer, counter) =>
      selectPairs
        ? postProcessDiverseQA(document, answer, { documentTokens: counter.count(document), maxNumPairs, random: () => context.random(), header })
        : { text: answer.trim() },
    );
  },
});
