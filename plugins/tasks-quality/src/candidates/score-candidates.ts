import type { GenerationParams, TaskGenerateRequestV1, TaskGenerateResultV1 } from '@synthkit/core';
import { generateAnswers } from '../answers/generate-answers';
import { judgeVerdictSchema } from './judge-templates';

/** What {@link scoreCandidates} needs of a task's context. */
export interface CandidateContext {
  generate<Output = unknown>(request: TaskGenerateRequestV1<Output>): Promise<TaskGenerateResultV1<Output>>;
}

/** The candidates to make and how to grade them. */
export interface CandidateRequest {
  /** The prompt's text. */
  readonly prompt: string;
  /** The system turn of the generator, or undefined for none. */
  readonly systemPrompt?: string;
  /** How many candidates to ask the generator for, in one call. */
  readonly n: number;
  /** What the judge grades on, for its `{criteria}`. */
  readonly criteria: string;
}

/** One distinct candidate answer and its score. */
export interface ScoredCandidate {
  /** The answer, trimmed. */
  readonly text: string;
  /** Its score: the judge's grade, from 1 to 10. Higher is better. */
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
 * splits it for models that answer fewer choices per request), and scores each distinct usable one
 * with the `judge` role: one call per candidate, all at once, each returning a `{ reason, score }`
 * the engine checks against {@link judgeVerdictSchema}. Identical answers are scored once and kept
 * once, so a pair or a ranking never compares an answer with itself. Cut-off and blank answers are
 * left out with their reasons.
 *
 * Shared by `quality:best-of-n` and `quality:preference-pairs`. The generator is recommended
 * temperature 0.8 (candidates must differ to be worth ranking), the judge temperature 0 (the same
 * answer should get the same grade); a recipe's params for either role win.
 *
 * @throws the engine's error when a judge's answer is still not a valid verdict after one repair:
 * the record fails, since its candidates cannot be ranked.
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
  const scores = await Promise.all(
    distinct.map(async (answer) => {
      const { object } = await context.generate({
        role: 'judge',
        template: 'judge',
        variables: { prompt: request.prompt, answer, criteria: request.criteria },
        defaults: judgeDefaults,
        responseFormat: { type: 'json', schema: judgeVerdictSchema, name: 'verdict' },
      });
      return object!.score;
    }),
  );
  return { candidates: distinct.map((text, index) => ({ text, score: scores[index]!, index })), refusals };
}

/**
 * The candidates from best to worst: by score, higher first, and among equal scores in the order
 * the generator gave them, so a rerun ranks them the same way.
 */
export function rankCandidates(candidates: ReadonlyArray<ScoredCandidate>): ScoredCandidate[] {
  return [...candidates].sort((first, second) => second.score - first.score || first.index - second.index);
}

/** A short list of scores for a rejection reason: `7, 3, 9`. */
export function describeScores(candidates: ReadonlyArray<ScoredCandidate>): string {
  return candidates.map((candidate) => formatScore(candidate.score)).join(', ');
}

// --- Internal helpers ---

const generatorDefaults: GenerationParams = { temperature: 0.8 };
const judgeDefaults: GenerationParams = { temperature: 0 };

/** A score with at most two decimals, as people read it. */
function formatScore(score: number): string {
  return String(Math.round(score * 100) / 100);
}
