import { z } from 'zod';
import { answerOptionsShape } from '../answers/answer-options-shape';

/**
 * The options every task that generates and scores candidate answers has: where the prompt is and
 * an optional system turn ({@link answerOptionsShape}), and the judge's `criteria`. `n` is each
 * task's own (its minimum differs).
 */
export const candidateOptionsShape = {
  ...answerOptionsShape,
  criteria: z
    .string()
    .trim()
    .min(1)
    .default('correctness, helpfulness, completeness and clarity')
    .describe('What the judge grades the answers on, quoted in its rubric as `{criteria}`.'),
};
