import { InvalidArgumentError } from '@synthkit/core';
import type { AnswerRule, FaultAnswer } from './answer-rule';
import { faultKinds, isFaultKind } from './fault-kind';
import { matchPrompt } from './internal/match-prompt';

/** Options of {@link faultRule}: the fault to answer with, and when. */
export interface FaultRuleOptions extends FaultAnswer {
  /** Tested against the prompt. Default: every request matches. */
  readonly match?: RegExp;
  /**
   * How many requests get the fault before the rule starts passing them on to the next rules, e.g.
   * `1` for "the connection drops once, then the retry is answered". Default: every matching
   * request gets it.
   */
  readonly times?: number;
}

/**
 * Answers matching requests with a broken response (a stall, a reset connection, a truncated
 * stream, malformed JSON, an HTML page, missing or empty `choices`: see `FaultKind`), to test how
 * clients survive unreliable endpoints. Put it before the rules that answer normally.
 *
 * ```ts
 * rules: [
 *   faultRule({ fault: 'reset', match: /summarize/i, times: 1 }),
 *   textRule({ match: /summarize/i, answer: 'A short summary.' }),
 * ]
 * ```
 *
 * @throws InvalidArgumentError when `fault` is not one of the `faultKinds`.
 */
export function faultRule({ fault, match, times = Number.POSITIVE_INFINITY }: FaultRuleOptions): AnswerRule {
  if (!isFaultKind(fault)) {
    throw new InvalidArgumentError({
      argument: 'fault',
      message: `fault must be one of ${faultKinds.join(', ')}; got ${JSON.stringify(fault)}.`,
    });
  }
  const answer: FaultAnswer = { fault };
  let faulted = 0;
  return (request) => {
    if (faulted >= times) return undefined;
    if (match != null && matchPrompt(match, request.prompt) == null) return undefined;
    faulted++;
    return answer;
  };
}
