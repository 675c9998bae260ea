/**
 * Test-only helpers for this plugin's tests (not exported from the package): a generator that
 * answers `n` given choices in one call, and a judge whose grade is read from the answer it is shown,
 * so a test decides every candidate's score by what it writes.
 */
import type { FinishReason, LanguageModelV1CallOptions, LanguageModelV1Result } from '@synthkit/core';
import { MockLanguageModelV1 } from '@synthkit/testkit';

/** A result with one choice per text: `[text, 'length']` for a choice cut off at max_tokens. */
export function choices(...answers: Array<string | [string, FinishReason]>): LanguageModelV1Result {
  return {
    choices: answers.map((answer) => (typeof answer === 'string' ? { text: answer, finishReason: 'stop' } : { text: answer[0], finishReason: answer[1] })),
    usage: { inputTokens: 10, outputTokens: 10 },
  };
}

/** The text between `<tag>` and `</tag>` in the last user message of a call. */
export function tagged(options: LanguageModelV1CallOptions, tag: string): string {
  const prompt = options.messages?.findLast((message) => message.role === 'user')?.content ?? '';
  return new RegExp(`<${tag}>\\n([^]*?)\\n</${tag}>`).exec(prompt)?.[1] ?? '';
}

/**
 * A judge that grades an answer with the number after `score=` in it (`Paris. score=9`), or 5,
 * as the JSON verdict the judge template asks for.
 */
export function scoreReadingJudge(): MockLanguageModelV1 {
  return new MockLanguageModelV1({
    modelId: 'judge',
    doGenerate: (options) => {
      const answer = tagged(options, 'answer');
      const score = Number(/score=(\d+(?:\.\d+)?)/.exec(answer)?.[1] ?? 5);
      return JSON.stringify({ reason: `graded ${score}`, score });
    },
  });
}
