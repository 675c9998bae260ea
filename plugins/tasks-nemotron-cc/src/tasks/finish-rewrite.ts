import type { JsonRecord } from '@synthkit/core';
import type { RewriteOptions } from '../options/rewrite-options-shape';
import { postProcessAnswer, type PostProcessResult } from '../post-processing/post-process-answer';
import { loadTokenCounter, type TokenCounter } from '../tokenizer/token-counter';

/** What {@link finishRewrite} needs of a task's context. */
export interface FinishRewriteContext {
  readonly options: RewriteOptions;
  reject(reason: string, details?: JsonRecord): void;
}

/**
 * The end of every rewriting task's `run`: post-processes the model's answer (see
 * `postProcessAnswer`) with the task's own steps, and returns the one record holding the output in
 * `field`, or rejects the input record with the reason and returns no record.
 *
 * @param transform The task's own steps, given the answer after markdown removal and the token counter.
 */
export async function finishRewrite<Field extends string>(
  context: FinishRewriteContext,
  answer: string,
  field: Field,
  transform: (text: string, counter: TokenCounter) => PostProcessResult,
): Promise<Array<Record<Field, string>>> {
  const counter = await loadTokenCounter(context.options.tokenizer);
  const result = postProcessAnswer(answer, { options: context.options, counter, transform: (text) => transform(text, counter) });
  if ('rejection' in result) {
    context.reject(result.rejection.reason, result.rejection.details);
    return [];
  }
  return [{ [field]: result.text } as Record<Field, string>];
}
