import type { LanguageModelMiddlewareV1, LanguageModelV1CallOptions, ResponseFormat } from '@synthkit/core';
import { z } from 'zod';
import type { ModelStatistics } from '../engine/run-statistics';
import { ModelCallError } from './model-call-error';
import { stripCodeFence } from './strip-code-fence';

/**
 * Checks answers to calls that ask for JSON (`responseFormat`): each choice must be valid JSON and,
 * when the format has a JSON schema, fit it. A choice that does not is sent back to the model once,
 * in a new request that shows it its answer and what was wrong, and asks again. When the second
 * answer does not fit either, the call is refused: its record is rejected with the reason.
 *
 * It sits outside the cache, so the first answer and the repair are each cached as what they are,
 * and a re-run replays both without a request. Repairs are counted in the model's statistics and in
 * `call.trace.repairs` (`_meta.calls[].repairs`).
 */
export function createStructuredOutputMiddleware(reference: string, statistics: ModelStatistics): LanguageModelMiddlewareV1 {
  return {
    specificationVersion: 'v1',
    name: 'structured-output',
    async wrapGenerate({ doGenerate, params, call }) {
      const format = params.responseFormat;
      if (format == null) return doGenerate();
      const result = await doGenerate();
      const check = checkerOf(format);
      const problems = result.choices.map((choice) => check(choice.text));
      if (problems.every((problem) => problem == null)) return result;
      const choices = [...result.choices];
      await Promise.all(
        problems.map(async (problem, index) => {
          if (problem == null) return;
          statistics.formatRepairs++;
          call.trace.repairs = (call.trace.repairs ?? 0) + 1;
          const repaired = await doGenerate(repairRequest(params, choices[index]!.text, problem));
          const choice = repaired.choices[0];
          const stillWrong = choice == null ? 'no answer came back' : check(choice.text);
          if (stillWrong != null) {
            statistics.formatFailures++;
            throw new ModelCallError({
              model: reference,
              attempts: call.trace.attempts,
              kind: 'refused',
              message: `the answer did not fit the response format, even after it was sent back once to be fixed: ${stillWrong}.`,
            });
          }
          choices[index] = choice!;
        }),
      );
      return { ...result, choices };
    },
  };
}

// --- Internal helpers ---

/** A function that says what is wrong with a text as an answer in `format`, or undefined when nothing is. */
type FormatChecker = (text: string) => string | undefined;

const checkers = new WeakMap<object, FormatChecker>();

/** The checker of a format, made once per schema object (a task passes the same schema every call). */
function checkerOf(format: ResponseFormat): FormatChecker {
  const key = format.schema ?? format;
  let checker = checkers.get(key);
  if (checker == null) {
    const schema = format.schema == null ? undefined : z.fromJSONSchema(format.schema as Parameters<typeof z.fromJSONSchema>[0]);
    checker = (text) => {
      let value: unknown;
      try {
        value = JSON.parse(stripCodeFence(text));
      } catch (error) {
        return `it is not valid JSON (${(error as Error).message})`;
      }
      if (schema == null) return value !== null && typeof value === 'object' && !Array.isArray(value) ? undefined : 'it is JSON, but not an object';
      const parsed = schema.safeParse(value);
      return parsed.success ? undefined : `it does not fit the schema: ${describeIssues(parsed.error.issues)}`;
    };
    checkers.set(key, checker);
  }
  return checker;
}

function describeIssues(issues: ReadonlyArray<z.core.$ZodIssue>): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length === 0 ? 'the value' : issue.path.map(String).join('.')}: ${issue.message}`)
    .join('; ');
}

/** The original conversation, the model's answer, and a request to fix it, for one choice. */
function repairRequest(params: LanguageModelV1CallOptions, answer: string, problem: string): LanguageModelV1CallOptions {
  const conversation = params.messages ?? [{ role: 'user' as const, content: params.prompt ?? '' }];
  const { prompt: _prompt, ...rest } = params;
  return {
    ...rest,
    params: { ...params.params, n: 1 },
    messages: [
      ...conversation,
      { role: 'assistant', content: answer },
      {
        role: 'user',
        content:
          `That answer cannot be used: ${problem}. ` +
          'Answer again with only the corrected JSON, following the requested format exactly, and nothing around it.',
      },
    ],
  };
}
