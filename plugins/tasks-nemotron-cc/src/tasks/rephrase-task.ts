import { defineTask } from '@synthkit/core';
import { z } from 'zod';
import { nemotronCCGenerationDefaults } from '../options/nemotron-cc-generation-defaults';
import { paraphraseOptionsShape } from '../options/paraphrase-options-shape';
import { rewriteOptionsShape } from '../options/rewrite-options-shape';
import { postProcessParaphrase } from '../post-processing/post-process-paraphrase';
import { nemotronCCSystemPrompt } from '../prompts/system-prompts';
import { documentRecordSchema, readDocument } from './document-record';
import { finishRewrite } from './finish-rewrite';

/** The text a rephrasing answer must begin with; the prompt asks for it. */
export const rephrasePrefix = 'Here is a paraphrased version:';

const rephraseOptionsSchema = z
  .object({
    ...rewriteOptionsShape({ maxAnswerTokens: 510, minOutputTokens: 50 }),
    ...paraphraseOptionsShape(rephrasePrefix, 'rephrased text'),
  })
  .strict();

/** Options of `nemotron-cc:rephrase`, with defaults applied. */
export type RephraseOptions = z.output<typeof rephraseOptionsSchema>;

const rephraseOutputSchema = z.object({ rephrased: z.string().min(1) }).strict();

/** The rephrased text, after post-processing. */
export type RephraseOutput = z.output<typeof rephraseOutputSchema>;

/**
 * `nemotron-cc:rephrase`: rewrites each document (`input_field`, `text` by default) in the style of an encyclopedia article,
 * the Nemotron-CC rewrite for low-quality web text, and writes it to `rephrased`. The answer must
 * begin with "Here is a paraphrased version:"; the post-processing rejects it otherwise, then drops
 * that prefix and the quotes around the text.
 */
export const rephraseTask = defineTask({
  description: 'Rewrites each text in the style of an encyclopedia article (Nemotron-CC rephrasing); writes rephrased.',
  options: rephraseOptionsSchema,
  input: documentRecordSchema,
  output: rephraseOutputSchema,
  models: { generator: 'Rewrites the text in an encyclopedic style.' },
  templates: {
    rephrase: {
      description: 'Asks for an encyclopedia-style rewrite of document that begins "Here is a paraphrased version:".',
      system: nemotronCCSystemPrompt,
      user: [
        'Below is a text taken from the web. Rewrite it in the style of an encyclopedia article such as Wikipedia: neutral in tone, clearly organised and written in complete, well-formed sentences. Keep every fact, name and number it gives and add nothing that it does not say. Vary the wording and the sentence structure instead of copying the original phrasing.',
        '',
        'Text:',
        '{document}',
        '',
        'Begin your answer with the line "Here is a paraphrased version:" and write the rewritten text after it, with nothing else.',
      ].join('\n'),
      variables: ['document'],
    },
  },
  fields: (options) => ({ reads: [options.input_field] }),
  async run(input, context) {
    const document = readDocument(input, context.options.input_field);
    const { text } = await context.generate({
      role: 'generator',
      template: 'rephrase',
      variables: { document },
      defaults: nemotronCCGenerationDefaults(512),
    });
    const { answer_prefix: prefix, remove_quotes: removeQuotes } = context.options;
    return finishRewrite(context, text, 'rephrased', (answer) => postProcessParaphrase(answer, { prefix, removeQuotes }));
  },
});
