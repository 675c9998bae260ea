import { defineTask } from '@synthkit/core';
import { z } from 'zod';
import { readPrompt } from '../answers/read-prompt';
import { candidateOptionsShape, checkScoringOptions } from '../candidates/candidate-options-shape';
import { candidateTaskRoles } from '../candidates/candidate-task-roles';
import { defaultMargin, describeScores, rankCandidates, scoreCandidates, type ScoredCandidate } from '../candidates/score-candidates';

const preferencePairsOptionsSchema = z
  .object({
    ...candidateOptionsShape,
    n: z.number().int().min(2).max(64).default(4).describe('How many candidate answers to generate per prompt, in one call; at least 2.'),
    margin: z.number().positive().optional().meta({
      description: 'The smallest score gap, chosen minus rejected, a pair must have, on the scorer\'s scale: a closer pair is more noise than preference.',
      defaultDescription: '1 with `scorer: judge` (grades 1 to 10), 0.5 with `scorer: reward` (NVIDIA\'s scores run about 0 to 4)',
    }),
    pairs: z
      .enum(['best-worst', 'all'])
      .default('best-worst')
      .describe(
        '`best-worst`: one pair per prompt, the best candidate against the worst. `all`: every pair of candidates whose gap is at least `margin` (up to n × (n − 1) / 2), best chosen first.',
      ),
  })
  .strict()
  .superRefine(checkScoringOptions);

/** Options of `quality:preference-pairs`, with defaults applied. */
export type PreferencePairsOptions = z.output<typeof preferencePairsOptionsSchema>;

/**
 * `quality:preference-pairs`: generates `n` candidate answers to the prompt in `prompt_field`,
 * scores each distinct one with the judge or the reward model (the same code as
 * `quality:best-of-n`), and emits preference pairs in the layout DPO and reward-model trainers read
 * (TRL's `DPOTrainer`, among others): `{ prompt, chosen, rejected, score_chosen, score_rejected }`,
 * the scores named as in UltraFeedback-style datasets. A pair is kept only when its scores differ by
 * at least `margin`; a record with no such pair is rejected with the scores. The engine keeps the
 * pair's margin, `score_chosen − score_rejected`, in `_meta.scores` under the stage's name (`scoreOf`).
 */
export const preferencePairsTask = defineTask({
  description: 'Generates n answers to the prompt, scores each with a judge or a reward model, and emits { prompt, chosen, rejected, score_chosen, score_rejected } pairs at least margin apart.',
  options: preferencePairsOptionsSchema,
  input: z.record(z.string(), z.json()),
  output: z.object({ prompt: z.string(), chosen: z.string(), rejected: z.string(), score_chosen: z.number(), score_rejected: z.number() }).strict(),
  ...candidateTaskRoles,
  fields: ({ prompt_field }) => ({ reads: [prompt_field] }),
  scoreOf: (pair) => pair.score_chosen - pair.score_rejected,
  async run(input, context) {
    const { system_prompt, n, pairs, scorer } = context.options;
    const margin = context.options.margin ?? defaultMargin(scorer);
    const prompt = readPrompt(input, context);
    if (prompt == null) return [];
    const { candidates, refusals } = await scoreCandidates(context, { prompt, n, scoring: context.options, ...(system_prompt == null ? {} : { systemPrompt: system_prompt }) });
    if (candidates.length < 2) {
      const why = refusals.length > 0 ? `; the others: ${refusals[0]}` : ', the others were the same answer';
      context.reject(`fewer than 2 distinct usable candidates among ${n} (${candidates.length}${why})`);
      return [];
    }
    const kept = pairsOf(rankCandidates(candidates), pairs).filter(([chosen, rejected]) => chosen.score - rejected.score >= margin);
    if (kept.length === 0) {
      context.reject(`no pair of candidates is at least margin ${margin} apart in score (scores: ${describeScores(candidates)})`);
      return [];
    }
    return kept.map(([chosen, rejected]) => ({ prompt, chosen: chosen.text, rejected: rejected.text, score_chosen: chosen.score, score_rejected: rejected.score }));
  },
});

// --- Internal helpers ---

/** The pairs to consider, from candidates ranked best first: the first against the last, or every pair in rank order. */
function pairsOf(ranked: ReadonlyArray<ScoredCandidate>, pairs: 'best-worst' | 'all'): Array<[ScoredCandidate, ScoredCandidate]> {
  if (pairs === 'best-worst') return [[ranked[0]!, ranked.at(-1)!]];
  return ranked.flatMap((chosen, index) => ranked.slice(index + 1).map((rejected): [ScoredCandidate, ScoredCandidate] => [chosen, rejected]));
}
