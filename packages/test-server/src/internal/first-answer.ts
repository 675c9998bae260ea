import type { AnswerRequest, AnswerRule, ErrorAnswer, FaultAnswer } from '../answer-rule';

/**
 * The answer of the first rule that gives one (a string, an error or a fault), or `undefined` when
 * none does. A rule that throws makes this throw.
 */
export function firstAnswer(
  rules: ReadonlyArray<AnswerRule>,
  request: AnswerRequest,
): string | ErrorAnswer | FaultAnswer | undefined {
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
