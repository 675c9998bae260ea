import { defineTask, fieldNameSchema } from '@synthkit/core';
import { z } from 'zod';
import { readPrompt } from '../answers/read-prompt';
import { candidateOptionsShape, checkScoringOptions } from '../candidates/candidate-options-shape';
import { candidateTaskRoles } from '../candidates/candidate-task-roles';
import { describeScores, rankCandidates, scoreCandidates } from '../candidates/score-candidates';

const bestOfNOptionsSchema = z
  .object({
    ...candidateOptionsShape,
    output: fieldNameSchema.default('response').describe('The record field the kept answer is written to.'),
    n: z.number().int().min(1).max(128).default(4).describe('How many candidate answers to generate per prompt, in one call.'),
    keep: z
      .enum(['best', 'above'])
      .default('best')
      .describe('`best`: one record, the highest-scored candidate. `above`: one record per candidate scoring at least `threshold`, best first.'),
    threshold: z
      .number()
      .optional()
      .meta({
        description:
          'The lowest score a kept answer may have, on the scorer\'s scale (the judge\'s: 1 to 10; NVIDIA\'s reward models: about 0 to 4 per attribute). Required with `keep: above`; with `keep: best` the record is rejected when even the best answer scores lower.',
        defaultDescription: 'none (with `keep: best`)',
      }),
  })
  .strict()
  .superRefine((options, context) => {
    checkScoringOptions(options, context);
    if (options.keep === 'above' && options.threshold == null) {
      context.addIssue({ code: 'custom', path: ['threshold'], message: 'is required with keep: above; set the lowest score to keep, such as threshold: 7.' });
    }
  });

/** Options of `quality:best-of-n`, with defaults applied. */
export type BestOfNOptions = z.output<typeof bestOfNOptionsSchema>;

/**
 * `quality:best-of-n` (rejection sampling): generates `n` candidate answers to the prompt in
 * `prompt_field`, scores each distinct one (`scorer: judge`: the `judge` grades it from 1 to 10;
 * `scorer: reward`: the `reward` model scores it), and keeps the best (`keep: best`) or every one
 * scoring at least `threshold` (`keep: above`, best first). Each kept answer is written to `output`,
 * its score to `score`, and the scores of all distinct candidates, in the order they were
 * generated, to `candidate_scores`. The engine also keeps `score` in `_meta.scores` under the
 * stage's name (`scoreOf`), where filter stages keep theirs, and every judge or reward call is in
 * `_meta.calls` (a reward call with all its attributes' scores). A record
 * with no usable candidate, or none scoring at least `threshold`, is rejected with the scores.
 */
export const bestOfNTask = defineTask({
  description: 'Generates n answers to the prompt, scores each with a judge or a reward model, and keeps the best (or all above a threshold); { <output>, score, candidate_scores } per kept answer.',
  options: bestOfNOptionsSchema,
  input: z.record(z.string(), z.json()),
  output: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.number())])),
  ...candidateTaskRoles,
  fields: ({ prompt_field, output }) => ({ reads: [prompt_field], writes: [output, 'score', 'candidate_scores'] }),
  scoreOf: (record) => (typeof record['score'] === 'number' ? record['score'] : undefined),
  async run(input, context) {
    const { system_prompt, output, n, keep, threshold } = context.options;
    const prompt = readPrompt(input, context);
    if (prompt == null) return [];
    const { candidates, refusals } = await scoreCandidates(context, { prompt, n, scoring: context.options, ...(system_prompt == null ? {} : { systemPrompt: system_prompt }) });
    if (candidates.length === 0) {
      context.reject(`no usable candidate among ${n}: ${refusals[0] ?? 'no answer'}`);
      return [];
    }
    const ranked = rankCandidates(candidates);
    const good = ranked.filter((candidate) => threshold == null || candidate.score >= threshold);
    const kept = keep === 'best' ? good.slice(0, 1) : good;
    if (kept.length === 0) {
      context.reject(`no candidate scored at least threshold ${threshold} (scores: ${describeScores(candidates)})`);
      return [];
    }
    const candidateScores = candidates.map((candidate) => candidate.score);
    return kept.map((candidate) => ({ [output]: candidate.text, score: candidate.score, candidate_scores: candidateScores }));
  },
});
