import type { AnswerRequest, AnswerRule } from './answer-rule';
import { matchPrompt } from './internal/match-prompt';

/** Options of {@link textRule}. */
export interface TextRuleOptions {
  /** Tested against the prompt (the last user message, or the completion prompt). */
  readonly match: RegExp;
  /** The answer: fixed text, or a function of the match (with its capture groups) and the request. */
  readonly answer: string | ((match: RegExpMatchArray, request: AnswerRequest) => string);
}

/**
 * Answers with the given text whenever `match` matches the prompt, and passes otherwise.
 *
 * ```ts
 * textRule({ match: /capital of (\w+)/, answer: (match) => `The capital of ${match[1]} is ...` })
 * ```
 */
export function textRule({ match, answer }: TextRuleOptions): AnswerRule {
  return (request) => {
    const found = matchPrompt(match, request.prompt);
    if (found == null) return undefined;
    return typeof answer === 'string' ? answer : answer(found, request);
  };
}
