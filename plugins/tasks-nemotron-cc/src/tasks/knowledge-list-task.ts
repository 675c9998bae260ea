import { defineTask } from '@synthkit/core';
import { z } from 'zod';
import { nemotronCCGenerationDefaults } from '../options/nemotron-cc-generation-defaults';
import { rewriteOptionsShape } from '../options/rewrite-options-shape';
import { formatKnowledgeList } from '../post-processing/format-knowledge-list';
import { nemotronCCSystemPrompt } from '../prompts/system-prompts';
import { documentRecordSchema, readDocument } from './document-record';
import { finishRewrite } from './finish-rewrite';

const knowledgeListOptionsSchema = z
  .object({
    ...rewriteOptionsShape({ maxAnswerTokens: 598, minOutputTokens: 50 }),
    format_list: z
      .boolean()
      .default(true)
      .describe('Drop a first line that is not a bullet (a heading), and the "- " bullets and two-space indents of the other lines.'),
  })
  .strict();

/** Options of `nemotron-cc:knowledge-list`, with defaults applied. */
export type KnowledgeListOptions = z.output<typeof knowledgeListOptionsSchema>;

const knowledgeListOutputSchema = z.object({ knowledge_list: z.string().min(1) }).strict();

/** The list of facts, one per line, after post-processing. */
export type KnowledgeListOutput = z.output<typeof knowledgeListOutputSchema>;

/**
 * `nemotron-cc:knowledge-list`: lists the facts, concepts and figures of each document (`input_field`, `text` by default)
 * concisely and writes them to `knowledge_list`, one per line, without bullets.
 */
export const knowledgeListTask = defineTask({
  description: 'Lists the key facts, concepts and figures of each text, one per line (Nemotron-CC knowledge list); writes knowledge_list.',
  options: knowledgeListOptionsSchema,
  input: documentRecordSchema,
  output: knowledgeListOutputSchema,
  models: { generator: 'Writes the list of facts.' },
  templates: {
    'knowledge-list': {
      description: 'Asks for a concise, organised "- " list of the facts, concepts and figures in document, without a heading.',
      system: nemotronCCSystemPrompt,
      user: [
        'Read the text below and list the knowledge it contains: its key facts, concepts, definitions and figures, each stated concisely and precisely enough to be understood on its own. Keep related points together and the order logical.',
        '',
        'Text:',
        '{document}',
        '',
        'Write only the list, one point per line beginning with "- ", with no heading, introduction or closing remark.',
      ].join('\n'),
      variables: ['document'],
    },
  },
  fields: (options) => ({ reads: [options.input_field] }),
  async run(input, context) {
    const document = readDocument(input, context.options.input_field);
    const { text } = await context.generate({
      role: 'generator',
      template: 'knowledge-list',
      variables: { document },
      defaults: nemotronCCGenerationDefaults(600),
    });
    const formatList = context.options.format_list;
    return finishRewrite(context, text, 'knowledge_list', (answer) => ({ text: (formatList ? formatKnowledgeList(answer) : answer).trim() }));
  },
});
