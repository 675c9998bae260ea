import { defineFilter, fieldNameSchema, type FilterScoreDetailsV1 } from '@synthkit/core';
import { z } from 'zod';
import { requireContext } from '../internal/require-context';
import { conversationToScore } from './conversation-to-score';
import { checkThresholds, rewardThresholdsSchema } from './reward-thresholds';

const rewardOptionsSchema = z.strictObject({
  thresholds: rewardThresholdsSchema.meta({
    description:
      'The bound each attribute of the reward model must meet: a number is a minimum (`helpfulness: 3`), `{ max: 2.5 }` a maximum, `{ min, max }` both, all inclusive. Any attribute the model returns can have one; NVIDIA\'s Nemotron reward models return helpfulness, correctness, coherence, complexity and verbosity, about 0 to 4.',
    defaultDescription: 'required: at least one',
  }),
  prompt_field: fieldNameSchema.default('prompt').describe('The record field holding the user turn the answer replies to (not read when `messages_field` is set).'),
  messages_field: fieldNameSchema.optional().meta({
    description:
      'A record field holding the turns before the answer as chat messages `[{ role, content }]` (`quality:messages` writes them), sent instead of `prompt_field`; a final assistant turn there is replaced by the scored answer.',
    defaultDescription: 'none: one user turn, `prompt_field`',
  }),
});

/** Options of `judge:reward`, parsed. */
export type RewardFilterOptions = z.output<typeof rewardOptionsSchema>;

/**
 * `judge:reward`: scores the answer (the stage's `field`) as the assistant's reply to the record's
 * prompt with a reward model, and keeps it when every attribute with a threshold meets it.
 *
 * Score: `{ score: <every threshold met>, scores: <every attribute the model returned>, reason }`,
 * so each attribute lands in `_meta.scores` as `<stage>.<attribute>` whether the record is kept or
 * not, and a drop says which attribute failed (`correctness 2.1 below 3`). A threshold on an
 * attribute the model did not return drops the record, naming it and those the model gave. A blank
 * answer is dropped without a call.
 */
export const rewardFilter = defineFilter({
  description:
    'Keeps answers whose reward-model scores meet per-attribute thresholds (Nemotron: helpfulness, correctness, coherence, complexity, verbosity); every attribute lands in _meta.scores.',
  options: rewardOptionsSchema,
  rewardModels: {
    reward: 'Scores the conversation (prompt, then the answer) by attribute, e.g. nvidia/nemotron-4-340b-reward. Bound by name: models.reward.',
  },
  create: (options) => ({
    options,
    score: async (text, record, context): Promise<FilterScoreDetailsV1<boolean>> => {
      if (text.trim() === '') return { score: false, reason: 'blank answer: nothing for the reward model to score' };
      const messages = conversationToScore(record, text, options);
      const { scores } = await requireContext(context, 'judge:reward').reward({ messages });
      const finite = Object.fromEntries(Object.entries(scores).filter(([, value]) => Number.isFinite(value)));
      const { met, reason } = checkThresholds(finite, options.thresholds);
      return { score: met, scores: finite, reason };
    },
    keep: (details) => details.score,
  }),
});
