/**
 * Test-only helpers (not exported from the package): judges whose verdicts a test decides by what
 * it writes in the answers, and a reader of the tagged parts of a prompt.
 */
import type { LanguageModelV1CallOptions } from '@synthkit/core';
import { MockLanguageModelV1 } from '@synthkit/testkit';

/** The text between `<tag>` and `</tag>` in the last user message of a call. */
export function tagged(options: LanguageModelV1CallOptions, tag: string): string {
  const prompt = options.messages?.findLast((message) => message.role === 'user')?.content ?? '';
  return new RegExp(`<${tag}>\\n([^]*?)\\n</${tag}>`).exec(prompt)?.[1] ?? '';
}

/**
 * A judge (`modelId`) grading each answer with the number after `<modelId>=` in it (`judge-2=4`),
 * else after `grade=`, else 3, as the JSON verdict `{ reasoning, score }`; its reasoning names the
 * model and the grade.
 */
export function gradeReadingJudge(modelId = 'judge'): MockLanguageModelV1 {
  return new MockLanguageModelV1({
    modelId,
    doGenerate: (options) => {
      const answer = tagged(options, 'answer');
      const own = new RegExp(`${modelId}=(\\d+)`).exec(answer)?.[1];
      const score = Number(own ?? /grade=(\d+)/.exec(answer)?.[1] ?? 3);
      return JSON.stringify({ reasoning: `${modelId} gives ${score} to this answer.`, score });
    },
  });
}
