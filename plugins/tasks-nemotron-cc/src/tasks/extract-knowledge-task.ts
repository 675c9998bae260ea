import { defineTask } from '@synthkit/core';
import { removeLines } from '@synthkit/text-processing';
import { z } from 'zod';
import { nemotronCCGenerationDefaults } from '../options/nemotron-cc-generation-defaults';
import { rewriteOptionsShape } from '../options/rewrite-options-shape';
import { nemotronCCSystemPrompt } from '../prompts/system-prompts';
import { documentRecordSchema, readDocument } from './document-record';
import { finishRewrite } from './finish-rewrite';

/** The label lines models put above the passages they write, which NeMo Curator removes. */
export const passageLabelLines: ReadonlyArray<string> = ['Passage:', 'Passage 1:', 'Passage 2:', 'Passage 3:'];

const extractKnowledgeOptionsSchema = z
  .object({
    ...rewriteOptionsShape({ maxAnswerTokens: 1398, minOutputTokens: 50 }),
    remove_lines: z
      .array(z.string())
      .default([...passageLabelLines])
      .describe('Remove the lines of the answer equal to one of these (white space around a line aside); [] keeps every line.'),
  })
  .strict();

/** Options of `nemotron-cc:extract-knowledge`, with defaults applied. */
export type ExtractKnowledgeOptions = z.output<typeof extractKnowledgeOptionsSchema>;

const extractKnowledgeOutputSchema = z.object({ extract_knowledge: z.string().min(1) }).strict();

/** The textbook-style passages, after post-processing. */
export type ExtractKnowledgeOutput = z.output<typeof extractKnowledgeOutputSchema>;

/**
 * `nemotron-cc:extract-knowledge`: rewrites the knowledge in each document (`input_field`, `text` by default) as
 * textbook-style passages and writes them to `extract_knowledge`, without the `Passage 1:` label
 * lines models tend to add.
 */
export const extractKnowledgeTask = defineTask({
  description: 'Rewrites the knowledge in each text as textbook-style passages (Nemotron-CC extract knowledge); writes extract_knowledge.',
  options: extractKnowledgeOptionsSchema,
  input: documentRecordSchema,
  output: extractKnowledgeOutputSchema,
  models: { generator: 'Writes the textbook-style passages.' },
  templates: {
    'extract-knowledge': {
      description: 'Asks for the knowledge in document rewritten as textbook-style passages, without titles or notes.',
      system: nemotronCCSystemPrompt,
      user: [
        'Read the text below and rewrite the knowledge it contains as one or more passages in the style of a textbook: clear, well organised and easy to learn from. Keep the facts, definitions, explanations and figures it gives, and leave out what carries no knowledge, such as advertising, navigation text, personal anecdotes and opinions. Add no information that the text does not give.',
        '',
        'Text:',
        '{document}',
        '',
        'Write only the passages: no titles, headings, labels, or notes about what you did.',
      ].join('\n'),
      variables: ['document'],
    },
  },
  fields: (options) => ({ reads: [options.input_field] }),
  async run(input, context) {
    const document = readDocument(input, context.options.input_field);
    const { text } = await context.generate({
      role: 'generator',
      template: 'extract-knowledge',
      variables: { document },
      defaults: nemotronCCGenerationDefaults(1400),
    });
    const lines = context.options.remove_lines;
    return finishRewrite(context, text, 'extract_knowledge', (answer) => ({
      text: removeLines(answer, lines, { trimBeforeComparing: true }).trim(),
    }));
  },
});
