import type { AnswerRequest, AnswerRule, RuleAnswer } from '../answer-rule';

/**
 * The answer of the first rule that gives one (a text, a text with log probabilities, an error or a
 * fault), or `undefined` when none does. A rule that throws makes this throw.
 */
export function firstAnswer(rules: ReadonlyArray<AnswerRule>, request: AnswerRequest): Exclude<RuleAnswer, null> | undefined {
  for (const rule of rules) {
    const result = rule(request);
    if (result != null) return result;
  }
  return undefined;
}

/** The start of a prompt, as a "no rule matched" message quotes it: at most 160 characters. */
export function promptStart(prompt: string): string {
  return prompt.length <= promptQuoteLength ? prompt : `${prompt.slice(0, promptQuoteLength)}…`;
}

// --- Internal helpers ---

/** How much of the prompt a "no rule matched" message quotes, in characters. */
const promptQuoteLength = 160;
