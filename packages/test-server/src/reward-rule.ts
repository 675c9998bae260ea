import type { AnswerRule, LogprobsAnswer } from './answer-rule';
import { matchPrompt } from './internal/match-prompt';

/** Options of {@link rewardRule}. */
export interface RewardRuleOptions {
  /**
   * The scores, by attribute, e.g. `{ helpfulness: 3.9, correctness: 4.1 }`: fixed, or a function
   * of the conversation (its messages, last one usually the answer to score).
   */
  readonly scores:
    | Readonly<Record<string, number>>
    | ((messages: ReadonlyArray<{ readonly role: string; readonly content: string }>) => Readonly<Record<string, number>>);
  /** Tested against the prompt (the last user message). Default: every chat request matches. */
  readonly match?: RegExp;
}

/**
 * Answers chat requests the way NVIDIA's reward-model endpoints do (`nemotron-4-340b-reward`): the
 * text `helpfulness:3.9,correctness:4.1,...` and, in the choice's `logprobs.content`, one "token" per
 * attribute whose `logprob` is its score.
 *
 * ```ts
 * rules: [rewardRule({ scores: { helpfulness: 3.9, correctness: 4.1, coherence: 3.8, complexity: 1.2, verbosity: 1.5 } })]
 * ```
 */
export function rewardRule({ scores, match }: RewardRuleOptions): AnswerRule {
  return (request): LogprobsAnswer | undefined => {
    if (request.kind !== 'chat') return undefined;
    if (match != null && matchPrompt(match, request.prompt) == null) return undefined;
    const values = typeof scores === 'function' ? scores(request.messages) : scores;
    const entries = Object.entries(values);
    return {
      text: entries.map(([name, value]) => `${name}:${value}`).join(','),
      logprobs: entries.map(([token, logprob]) => ({ token, logprob })),
    };
  };
}
