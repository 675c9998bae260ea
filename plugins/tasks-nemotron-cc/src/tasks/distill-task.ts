import { defineTask } from '@synthkit/core';
import { z } from 'zod';
import { nemotronCCGenerationDefaults } from '../options/nemotron-cc-generation-defaults';
import { paraphraseOptionsShape } from '../options/paraphrase-options-shape';
import { rewriteOptionsShape } from '../options/rewrite-options-shape';
import { postProcessParaphrase } from '../post-processing/post-process-paraphrase';
import { nemotronCCDistillSystemPrompt } from '../prompts/system-prompts';
import { documentRecordSchema, readDocument } from './document-record';
import { finishRewrite } from './finish-rewrite';

/** The text a distill answer must begin with; the prompt asks for it. */
export const distillPrefix = 'Paraphrased Text:';

const distillOptionsSchema = z
  .object({
    ...rewriteOptionsShape({ maxAnswerTokens: 1598, minOutputTokens: 50 }),
    ...paraphraseOptionsShape(distillPrefix, 'distilled text'),
  })
  .strict();

/** Options of `nemotron-cc:distill`, with defaults applied. */
export type DistillOptions = z.output<typeof distillOptionsSchema>;

const distillOutputSchema = z.object({ distill: z.string().min(1) }).strict();

/** The condensed text, after post-processing. */
export type DistillOutput = z.output<typeof distillOutputSchema>;

/**
 * `nemotron-cc:distill`: condenses each document (`input_field`, `text` by default) into a shorter, faithful plain-text
 * version and writes it to `distill`. It has its own, more exacting system prompt. The answer must
 * begin with "Paraphrased Text:"; the post-processing rejects it otherwise, then drops that prefix
 * and the quotes around the text.
 */
export const distillTask = defineTask({
  description: 'Condenses each text into a shorter, faithful plain-text version (Nemotron-CC distill); writes distill.',
  options: distillOptionsSchema,
  input: documentRecordSchema,
  output: distillOutputSchema,
  models: { generator: 'Writes the condensed text.' },
  templates: {
    distill: {
      description: 'Asks for a shorter, faithful plain-text version of document that begins "Paraphrased Text:".',
      system: nemotronCCDistillSystemPrompt,
      user: [
        'Rewrite the text below as a shorter and clearer version of itself. Keep all of its important information, ideas and reasoning, and leave out what is repeated, beside the point or filler. Stay faithful to the source: add no facts, opinions or conclusions of your own, and keep its hedges and qualifications. Write plain prose in paragraphs, without headings, lists or other formatting.',
        '',
        'Text:',
        '{document}',
        '',
        'Begin your answer with "Paraphrased Text:" followed by the rewritten text, and write nothing else.',
      ].join('\n'),
      variables: ['document'],
    },
  },
  fields: (options) => ({ reads: [options.input_field] }),
  async run(input, context) {
    const document = readDocument(input, context.options.input_field);
    const { text } = await context.generate({
      role: 'generator',
      template: 'distill',
      variables: { document },
      defaults: nemotronCCGenerationDefaults(1600),
    });
    const { answer_prefix: prefix, remove_quotes: removeQuotes } = context.options;
    return finishRewrite(context, text, 'distill', (answer) => postProcessParaphrase(answer, { prefix, removeQuotes }));
  },
});
