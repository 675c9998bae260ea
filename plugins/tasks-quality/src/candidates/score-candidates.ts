import type { GenerationParams, TaskGenerateRequestV1, TaskGenerateResultV1, TaskScoreRequestV1, TaskScoreResultV1 } from '@synthkit/core';
import { generateAnswers } from '../answers/generate-answers';
import { defaultCriteria, defaultRewardAttribute, type CandidateScoringOptions } from './candidate-options-shape';
import { judgeVerdictSchema } from './judge-templates';

/** What {@link scoreCandidates} needs of a task's context. */
export interface CandidateContext {
  generate<Output = unknown>(request: TaskGenerateRequestV1<Output>): Promise<TaskGenerateResultV1<Output>>;
  score(request: TaskScoreRequestV1): Promise<TaskScoreResultV1>;
}

/** The candidates to make and how to grade them. */
export interface CandidateRequest {
  /** The prompt's text. */
  readonly prompt: string;
  /** The system turn of the generator, or undefined for none. */
  readonly systemPrompt?: string;
  /** How many candidates to ask the generator for, in one call. */
  readonly n: number;
  /** How to score them: the stage's scoring options. */
  readonly scoring: CandidateScoringOptions;
}

/** One distinct candidate answer and its score. */
export interface ScoredCandidate {
  /** The answer, trimmed. */
  readonly text: string;
  /**
   * Its score, higher is better: the judge's grade from 1 to 10, or the reward model's score of
   * `reward_attribute` (NVIDIA's from 0 to 4), or the weighted sum of `reward_weights`.
   */
  readonly score: number;
  /** Its position among the distinct candidates, in the order the generator gave them. */
  readonly index: number;
}

/** What {@link scoreCandidates} returns. */
export interface ScoredCandidates {
  /** The distinct usable candidates with their scores, in the order the generator gave them. */
  readonly candidates: ScoredCandidate[];
  /** Why each refused answer (cut off at max_tokens, blank) was left out, in order. */
  readonly refusals: string[];
}

/**
 * Generates `n` candidate answers to a prompt with the `generator` role, in one call (the engine
 * splits it for models that answer fewer choices per request), and scores each distinct usable one,
 * all at once: with `scorer: judge`, one `judge` call per candidate returning a `{ reason, score }`
 * the engine checks against {@link judgeVerdictSchema}; with `scorer: reward`, one `reward` call per
 * candidate on the conversation `[user: prompt, assistant: answer]` (the engine traces its scores in
 * `_meta.calls`). Identical answers are scored once and kept once, so a pair or a ranking never
 * compares an answer with itself. Cut-off and blank answers are left out with their reasons.
 *
 * Shared by `quality:best-of-n` and `quality:preference-pairs`. The generator is recommended
 * temperature 0.8 (candidates must differ to be worth ranking), the judge temperature 0 (the same
 * answer should get the same grade); a recipe's params for either role win.
 *
 * @throws the engine's error when a judge's answer is still not a valid verdict after one repair,
 * and an Error when the reward model gives no score for an attribute the stage ranks by: the
 * record fails, since its candidates cannot be ranked.
 */
export async function scoreCandidates(context: CandidateContext, request: CandidateRequest): Promise<ScoredCandidates> {
  const { answers, refusals } = await generateAnswers(context, {
    role: 'generator',
    prompt: request.prompt,
    n: request.n,
    defaults: generatorDefaults,
    ...(request.systemPrompt == null ? {} : { systemPrompt: request.systemPrompt }),
  });
  const distinct = [...new Set(answers)];
  const scores = await Promise.all(distinct.map((answer) => scoreAnswer(context, request.prompt, answer, request.scoring)));
  return { candidates: distinct.map((text, index) => ({ text, score: scores[index]!, index })), refusals };
}

/**
 * The candidates from best to worst: by score, higher first, and among equal scores in the order
 * the generator gave them, so a rerun ranks them the same way.
 */
export function rankCandidates(candidates: ReadonlyArray<ScoredCandidate>): ScoredCandidate[] {
  return [...candidates].sort((first, second) => second.score - first.score || first.index - second.index);
}

/** The smallest score gap a preference pair needs when the stage sets no `margin`: 1 on the judge's 1-10 scale, 0.5 on a reward model's. */
export function defaultMargin(scorer: CandidateScoringOptions['scorer']): number {
  return scorer === 'judge' ? 1 : 0.5;
}

/** A short list of scores for a rejection reason: `7, 3, 9`. */
export function describeScores(candidates: ReadonlyArray<ScoredCandidate>): string {
  return candidates.map((candidate) => formatScore(candidate.score)).join(', ');
}

// --- Internal helpers ---

const generatorDefaults: GenerationParams = { temperature: 0.8 };
const judgeDefaults: GenerationParams = { temperature: 0 };

/** One candidate's score, by the stage's scorer. */
async function scoreAnswer(context: CandidateContext, prompt: string, answer: string, scoring: CandidateScoringOptions): Promise<number> {
  if (scoring.scorer === 'judge') {
    const { object } = await context.generate({
      role: 'judge',
      template: 'judge',
      variables: { prompt, answer, criteria: scoring.criteria ?? defaultCriteria },
      defaults: judgeDefaults,
      responseFormat: { type: 'json', schema: judgeVerdictSchema, name: 'verdict' },
    });
    return object!.score;
  }
  const { scores } = await context.score({
    role: 'reward',
    messages: [
      { role: 'user', content: prompt },
      { role: 'assistant', content: answer },
    ],
  });
  const weights = scoring.reward_weights ?? { [scoring.reward_attribute ?? defaultRewardAttribute]: 1 };
  return Object.entries(weights).reduce((sum, [attribute, weight]) => sum + weight * attributeScore(scores, attribute, scoring), 0);
}

/** One attribute of a reward model's scores, or an error saying which attributes it gave. */
function attributeScore(scores: Readonly<Record<string, number>>, attribute: string, scoring: CandidateScoringOptions): number {
  const score = scores[attribute];
  if (typeof score === 'number' && Number.isFinite(score)) return score;
  const option = scoring.reward_weights == null ? 'reward_attribute' : 'reward_weights';
  throw new Error(
    `the reward model gave no score for "${attribute}" (it gave: ${Object.keys(scores).join(', ') || 'nothing'}); set the stage's options.${option} to attributes it scores.`,
  );
}

/** A score with at most two decimals, as people read it. */
function formatScore(score: number): string {
  return String(Math.round(score * 100) / 100);
}
