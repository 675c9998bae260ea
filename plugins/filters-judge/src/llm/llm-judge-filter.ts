import { defineFilter, fieldNameSchema, readTextField, type FilterScoreDetailsV1 } from '@synthkit/core';
import { z } from 'zod';
import { formatScore } from '../internal/format-score';
import { quoteBriefly } from '../internal/quote-briefly';
import { requireContext } from '../internal/require-context';
import { aggregateGrades, aggregationRules, meetsAggregation, type AggregationRule } from './aggregate-grades';
import { judgeVerdictSchema, type JudgeVerdict } from './judge-verdict-schema';
import { rubricNames, rubricTemplates } from './rubric-templates';

/** The judge roles, in the order `judges` counts them: `judges: 2` asks `judge` and `judge-2`. */
export const judgeRoles = ['judge', 'judge-2', 'judge-3'] as const;

const llmJudgeOptionsSchema = z
  .strictObject({
    rubric: z
      .enum(rubricNames)
      .default('helpfulness')
      .describe(
        'What the judges grade, each rubric a template of that name (overridable): `helpfulness`, `correctness`, `harmlessness`, `instruction-following`, or `custom` with `criteria`.',
      ),
    criteria: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta({ description: 'With `rubric: custom`: what the judges grade the answer on, quoted in the `custom` template as `{criteria}`.', defaultDescription: 'none (required by `rubric: custom`)' }),
    threshold: z.number().min(1).max(5).default(3).describe('The grade (1 to 5) an answer needs: kept when the aggregated grade is at or above it (for `majority`, when more than half of the judges grade at or above it).'),
    aggregation: z
      .enum(aggregationRules)
      .default('mean')
      .describe('How the judges\' grades make one score: `mean`, `min` (every judge must agree), `median`, or `majority` (the share of judges at or above `threshold`, kept above one half).'),
    judges: z
      .int()
      .min(1)
      .max(judgeRoles.length)
      .default(1)
      .describe('How many judges grade each answer: the roles `judge`, `judge-2`, `judge-3` in that order. Bind each to its own model (`models: { judge-2: anthropic:... }`); `default` serves them all otherwise.'),
    prompt_field: fieldNameSchema.default('prompt').describe('The record field holding the prompt the answer replies to.'),
  })
  .superRefine((options, context) => {
    if (options.rubric === 'custom' && options.criteria == null) {
      context.addIssue({ code: 'custom', path: ['criteria'], message: 'is required with rubric: custom: write what the judges grade the answer on, e.g. criteria: "cites the passage for every claim".' });
    }
    if (options.rubric !== 'custom' && options.criteria != null) {
      context.addIssue({
        code: 'custom',
        path: ['criteria'],
        message: `applies to rubric: custom only, and this stage's rubric is ${options.rubric}; set rubric: custom, or reword the ${options.rubric} template under templates.`,
      });
    }
  });

/** Options of `judge:llm`, parsed. */
export type LlmJudgeOptions = z.output<typeof llmJudgeOptionsSchema>;

/**
 * `judge:llm`: one to three LLM judges grade the answer (the stage's `field`) as a reply to the
 * record's prompt on a rubric, from 1 to 5, as JSON `{ reasoning, score }` checked by the engine;
 * their grades are aggregated (`mean`, `min`, `median`, `majority`) and the record is kept when the
 * result meets `threshold`.
 *
 * Score: `{ score: <aggregated>, scores: { judge: 4, judge-2: 3 }, reason }`, so each judge's grade
 * lands in `_meta.scores` as `<stage>.<role>`; a drop quotes the lowest-grading judge
 * (`mean 2.5 below 3 (judge-2: "Misses the second part...")`). An answer that still does not fit
 * the schema after the engine's one repair rejects the record with the engine's reason. A blank
 * answer is dropped without a call, with the score 0.
 */
export const llmJudgeFilter = defineFilter({
  description: 'Keeps answers that one to three LLM judges grade at or above a threshold (1-5) on a rubric: helpfulness, correctness, harmlessness, instruction following or custom criteria.',
  options: llmJudgeOptionsSchema,
  models: {
    judge: 'Grades each answer on the rubric as JSON { reasoning, score 1-5 }. Recommended temperature 0; the recipe\'s params for the role win.',
    'judge-2': 'The second judge, asked with judges: 2 or 3. Bind it to another model than judge for a real second opinion.',
    'judge-3': 'The third judge, asked with judges: 3.',
  },
  templates: rubricTemplates,
  // Only the judges asked need a model: `judges: 1` binds `judge` alone.
  languageRoles: ({ judges }) => judgeRoles.slice(0, judges),
  create: (options) => {
    const roles = judgeRoles.slice(0, options.judges);
    const { rubric, threshold, aggregation } = options;
    return {
      options,
      score: async (text, record, context): Promise<FilterScoreDetailsV1<number>> => {
        if (text.trim() === '') return { score: 0, reason: 'blank answer: nothing for the judges to grade' };
        const judgeContext = requireContext(context, 'judge:llm');
        const variables = {
          prompt: readTextField(record, options.prompt_field, 'prompt_field'),
          answer: text,
          ...(options.criteria == null ? {} : { criteria: options.criteria }),
        };
        const verdicts = await Promise.all(
          roles.map(async (role) => {
            const { object } = await judgeContext.generate({
              role,
              template: rubric,
              variables,
              defaults: { temperature: 0 },
              responseFormat: { type: 'json', schema: judgeVerdictSchema, name: 'judge_verdict' },
            });
            return { role, verdict: object! };
          }),
        );
        const grades = verdicts.map(({ verdict }) => verdict.score);
        const score = aggregateGrades(aggregation, grades, threshold);
        return {
          score,
          scores: Object.fromEntries(verdicts.map(({ role, verdict }) => [role, verdict.score])),
          reason: describeVerdicts(aggregation, score, threshold, verdicts),
        };
      },
      keep: (details) => meetsAggregation(aggregation, details.score, threshold),
    };
  },
});

// --- Internal helpers ---

/**
 * One line on the outcome: the aggregated score against the threshold, then, for a drop, the
 * lowest grade's judge and its reasoning (`mean 2.5 below 3 (judge-2: "...")`), and for a keep,
 * every grade (`mean 4 at or above 3 (judge: 4, judge-2: 4)`).
 */
function describeVerdicts(
  aggregation: AggregationRule,
  score: number,
  threshold: number,
  verdicts: ReadonlyArray<{ readonly role: string; readonly verdict: JudgeVerdict }>,
): string {
  const kept = meetsAggregation(aggregation, score, threshold);
  const lowest = verdicts.reduce((low, entry) => (entry.verdict.score < low.verdict.score ? entry : low));
  const why = kept ? verdicts.map(({ role, verdict }) => `${role}: ${verdict.score}`).join(', ') : `${lowest.role}: ${quoteBriefly(lowest.verdict.reasoning)}`;
  if (aggregation === 'majority') {
    const at = verdicts.filter(({ verdict }) => verdict.score >= threshold).length;
    return `${at} of ${verdicts.length} judges at or above ${formatScore(threshold)}, ${kept ? 'a majority' : 'no majority'} (${why})`;
  }
  const name = verdicts.length === 1 ? 'grade' : aggregation;
  return `${name} ${formatScore(score)} ${kept ? 'at or above' : 'below'} ${formatScore(threshold)} (${why})`;
}
