import { defineFilter, fieldNameSchema, readTextField, type FilterScoreDetailsV1 } from '@synthkit/core';
import { z } from 'zod';
import { requireContext } from '../internal/require-context';
import { answerabilityTemplates, defaultAnswerabilityCriteria } from './answerability-templates';

const answerabilityOptionsSchema = z.strictObject({
  question_field: fieldNameSchema.default('question').describe('The record field holding the question; the passage is the stage\'s `field` (`text` by default).'),
  criteria: z
    .array(z.string().trim().min(1))
    .min(1)
    .max(10)
    .default([...defaultAnswerabilityCriteria])
    .meta({
      description: 'What the judge checks, one sentence each (1 to 10); a record is kept only when every one is met. Numbered in the prompt; the answer has one `criterion_<n>` key per criterion.',
      defaultDescription: defaultAnswerabilityCriteria.map((criterion) => `"${criterion}"`).join(', '),
    }),
});

/** Options of `judge:answerability`, parsed. */
export type AnswerabilityFilterOptions = z.output<typeof answerabilityOptionsSchema>;

/**
 * `judge:answerability`: NeMo Curator's AnswerabilityFilter for retriever training data, fixed. A
 * judge model checks whether the question (`question_field`) can be answered from the passage (the
 * stage's `field`) against each of the stage's `criteria`, answering JSON `{ criterion_1: "Y" | "N",
 * ... }` that the engine checks (and sends back once to be fixed); the record is kept only when
 * every criterion is "Y".
 *
 * Unlike NeMo, which keeps a record whose verdict it cannot parse, a verdict that is still not that
 * JSON after the engine's repair rejects the record, with the engine's reason saying the answer did
 * not fit. Score: `{ score: <all met>, scores: { criterion_1: true, ... }, reason }`, so each
 * criterion lands in `_meta.scores` as `<stage>.criterion_<n>`. A blank question or passage is
 * dropped without a call.
 */
export const answerabilityFilter = defineFilter({
  description: 'Keeps retriever training pairs whose question a judge finds answerable from the passage on every criterion (Y/N each), like NeMo Curator AnswerabilityFilter; an unreadable verdict is a reject.',
  options: answerabilityOptionsSchema,
  models: { judge: 'Checks the question against the passage, criterion by criterion, as JSON of "Y"/"N". Recommended temperature 0; the recipe\'s params for the role win.' },
  templates: answerabilityTemplates,
  create: (options) => {
    const keys = options.criteria.map((_, index) => `criterion_${index + 1}`);
    // One schema per stage: the engine converts it to a JSON schema once.
    const verdictSchema = z.strictObject(Object.fromEntries(keys.map((key, index) => [key, z.enum(['Y', 'N']).describe(options.criteria[index]!)])));
    const variables = {
      criteria: options.criteria.map((criterion, index) => `${index + 1}. ${criterion}`).join('\n'),
      answer_format: `{${keys.map((key) => `"${key}": "Y" or "N"`).join(', ')}}`,
    };
    return {
      options,
      score: async (text, record, context): Promise<FilterScoreDetailsV1<boolean>> => {
        const question = readTextField(record, options.question_field, 'question_field');
        if (question.trim() === '') return { score: false, reason: `blank question in "${options.question_field}": nothing to check` };
        if (text.trim() === '') return { score: false, reason: 'blank passage: no question can be answered from it' };
        const { object } = await requireContext(context, 'judge:answerability').generate({
          template: 'answerability',
          variables: { ...variables, question, passage: text },
          defaults: { temperature: 0 },
          responseFormat: { type: 'json', schema: verdictSchema, name: 'answerability_verdict' },
        });
        const met = keys.map((key) => object![key] === 'Y');
        const unmet = met.flatMap((yes, index) => (yes ? [] : [index]));
        return {
          score: unmet.length === 0,
          scores: Object.fromEntries(keys.map((key, index) => [key, met[index]!])),
          reason:
            unmet.length === 0
              ? `answerable: all ${keys.length} criteria met`
              : `not answerable from the passage: ${unmet.length === 1 ? 'criterion' : 'criteria'} ${unmet.map((index) => index + 1).join(', ')} not met (${unmet.map((index) => JSON.stringify(options.criteria[index])).join('; ')})`,
        };
      },
      keep: (details) => details.score,
    };
  },
});
