import { z } from 'zod';
import { answerOptionsShape } from '../answers/answer-options-shape';

/** The judge's criteria when a stage sets none. */
export const defaultCriteria = 'correctness, helpfulness, completeness and clarity';

/** The reward attribute that ranks candidates when a stage sets neither `reward_attribute` nor `reward_weights`. */
export const defaultRewardAttribute = 'helpfulness';

/**
 * The options every task that generates and scores candidate answers has: where the prompt is and
 * an optional system turn ({@link answerOptionsShape}), and how candidates are scored: by the LLM
 * judge (`scorer: judge`, with `criteria`) or by a reward model (`scorer: reward`, ranking by
 * `reward_attribute` or a weighted sum, `reward_weights`). `n` is each task's own (its minimum differs).
 */
export const candidateOptionsShape = {
  ...answerOptionsShape,
  scorer: z
    .enum(['judge', 'reward'])
    .default('judge')
    .describe(
      '`judge`: the `judge` role (a chat model) grades each candidate from 1 to 10 with the `judge` rubric. `reward`: the `reward` role (a reward model, such as `nvidia/nemotron-4-340b-reward`) scores each candidate; it must be bound by name in the recipe.',
    ),
  criteria: z
    .string()
    .trim()
    .min(1)
    .optional()
    .meta({ description: 'With `scorer: judge`: what the judge grades the answers on, quoted in its rubric as `{criteria}`.', defaultDescription: `\`${defaultCriteria}\`` }),
  reward_attribute: z
    .string()
    .trim()
    .min(1)
    .optional()
    .meta({
      description: 'With `scorer: reward`: the attribute of the reward model\'s scores that ranks the candidates (NVIDIA\'s: helpfulness, correctness, coherence, complexity, verbosity).',
      defaultDescription: `\`${defaultRewardAttribute}\` (unless \`reward_weights\` is set)`,
    }),
  reward_weights: z
    .record(z.string().min(1), z.number())
    .refine((weights) => Object.keys(weights).length > 0, { error: 'is empty; give at least one attribute and its weight, such as { helpfulness: 1, verbosity: -0.5 }.' })
    .optional()
    .meta({
      description:
        'With `scorer: reward`: rank by a weighted sum of attributes instead of one, e.g. `{ helpfulness: 1, correctness: 1, verbosity: -0.5 }` (a negative weight penalises).',
      defaultDescription: 'none',
    }),
};

/** The scoring options of {@link candidateOptionsShape}, parsed. */
export interface CandidateScoringOptions {
  readonly scorer: 'judge' | 'reward';
  readonly criteria?: string | undefined;
  readonly reward_attribute?: string | undefined;
  readonly reward_weights?: Readonly<Record<string, number>> | undefined;
}

/**
 * The checks the scoring options need beyond their types, for a task's `superRefine`: each option
 * belongs to one scorer, and `reward_attribute` and `reward_weights` exclude each other.
 */
export function checkScoringOptions(options: CandidateScoringOptions, context: z.RefinementCtx): void {
  const misplaced = options.scorer === 'judge' ? (['reward_attribute', 'reward_weights'] as const) : (['criteria'] as const);
  for (const key of misplaced) {
    if (options[key] != null) {
      const other = options.scorer === 'judge' ? 'reward' : 'judge';
      context.addIssue({ code: 'custom', path: [key], message: `applies to scorer: ${other} only, and this stage's scorer is ${options.scorer}; remove it, or set scorer: ${other}.` });
    }
  }
  if (options.reward_attribute != null && options.reward_weights != null) {
    context.addIssue({ code: 'custom', path: ['reward_weights'], message: 'is set, and so is reward_attribute; keep one: rank by one attribute, or by a weighted sum.' });
  }
}

/** The reward role a stage calls: `reward` with `scorer: reward`, none with the judge (for the task's `scoringRoles`). */
export function candidateScoringRoles(options: CandidateScoringOptions): Array<'reward'> {
  return options.scorer === 'reward' ? ['reward'] : [];
}
