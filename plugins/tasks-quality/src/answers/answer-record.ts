import type { JsonRecord } from '@synthkit/core';
import { generateAnswers, type AnswerContext } from './generate-answers';
import { readPrompt } from './read-prompt';

/** What {@link answerRecord} needs of a task's context: the answer options, `generate` and `reject`. */
export interface AnswerRecordContext extends AnswerContext {
  readonly options: { readonly prompt_field: string; readonly system_prompt?: string | undefined; readonly n: number };
  reject(reason: string): void;
}

/**
 * The prompt of a record (its `prompt_field`) and the usable answers of a role to it, `n` from one
 * call (see {@link generateAnswers}). When the prompt is blank, or no answer is usable, the record
 * is rejected with the reason and the result is undefined: the task returns no records then.
 *
 * @throws Error when the record lacks the prompt field or holds no text there.
 */
export async function answerRecord(input: JsonRecord, context: AnswerRecordContext, role: string): Promise<{ prompt: string; answers: string[] } | undefined> {
  const prompt = readPrompt(input, context);
  if (prompt == null) return undefined;
  const { system_prompt, n } = context.options;
  const { answers, refusals } = await generateAnswers(context, { role, prompt, n, ...(system_prompt == null ? {} : { systemPrompt: system_prompt }) });
  if (answers.length > 0) return { prompt, answers };
  context.reject(refusals[0] ?? 'no answer');
  return undefined;
}
