import type { AnswerRule, ErrorAnswer } from './answer-rule';
import { matchPrompt } from './internal/match-prompt';

/** Options of {@link errorRule}: the error to answer, and when. */
export interface ErrorRuleOptions extends ErrorAnswer {
  /** Tested against the prompt. Default: every request matches. */
  readonly match?: RegExp;
  /**
   * How many requests fail before the rule starts passing them on to the next rules, e.g. `2` for
   * "rate-limited twice, then answered". Default: every matching request fails.
   */
  readonly times?: number;
}

/**
 * Answers matching requests with an HTTP error in the server's format (OpenAI's or Anthropic's), to
 * test retries and error handling. Put it before the rules that answer normally.
 *
 * ```ts
 * rules: [
 *   errorRule({ status: 429, message: 'Slow down', headers: { 'retry-after-ms': '150' }, times: 2 }),
 *   textRule({ match: /summarize/i, answer: 'A short summary.' }),
 * ]
 * ```
 */
export function errorRule({ match, times = Number.POSITIVE_INFINITY, ...error }: ErrorRuleOptions): AnswerRule {
  let failed = 0;
  return (request) => {
    if (failed >= times) return undefined;
    if (match != null && matchPrompt(match, request.prompt) == null) return undefined;
    failed++;
    return error;
  };
}
