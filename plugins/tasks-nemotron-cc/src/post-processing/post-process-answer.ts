import type { JsonRecord } from '@synthkit/core';
import { removeMarkdown } from '@synthkit/text-processing';
import type { RewriteOptions } from '../options/rewrite-options-shape';
import type { TokenCounter } from '../tokenizer/token-counter';

/** Why an answer gives no output: the reason written to `rejects.jsonl`, and its figures. */
export interface AnswerRejection {
  readonly reason: string;
  readonly details?: JsonRecord;
}

/** The output a post-processing step made of an answer, or why it makes none. */
export type PostProcessResult = { readonly text: string } | { readonly rejection: AnswerRejection };

/** What {@link postProcessAnswer} needs besides the answer. */
export interface PostProcessAnswerSettings {
  /** The task's options shared by every rewriting task. */
  readonly options: RewriteOptions;
  /** Counts tokens for the two length checks, with the tokenizer the options name. */
  readonly counter: TokenCounter;
  /** The task's own steps, run on the answer after markdown removal. */
  readonly transform: (text: string) => PostProcessResult;
}

/**
 * Turns a model's answer into a task's output, in the order of NeMo Curator's Nemotron-CC recipes:
 *
 * 1. an answer longer than `max_answer_tokens` is rejected (it was probably cut off);
 * 2. markdown is removed (`remove_markdown`);
 * 3. the task's own steps run (prefix check and slicing, quotation removal, pair selection...);
 * 4. an output that is empty or only white space is rejected, never written as "";
 * 5. an output shorter than `min_output_tokens` is rejected.
 */
export function postProcessAnswer(answer: string, { options, counter, transform }: PostProcessAnswerSettings): PostProcessResult {
  if (options.max_answer_tokens !== null) {
    const tokens = counter.count(answer);
    if (tokens > options.max_answer_tokens) {
      return reject(
        `answer too long: ${tokens} tokens (${counter.name}), more than max_answer_tokens ${options.max_answer_tokens}; it was probably cut off at max_tokens`,
        { tokens, max_answer_tokens: options.max_answer_tokens, tokenizer: counter.name },
      );
    }
  }
  const result = transform(options.remove_markdown ? removeMarkdown(answer) : answer);
  if ('rejection' in result) return result;
  if (result.text.trim() === '') return reject('empty output: nothing is left of the answer after post-processing');
  const tokens = counter.count(result.text);
  if (tokens < options.min_output_tokens) {
    return reject(`output too short: ${tokens} tokens (${counter.name}), fewer than min_output_tokens ${options.min_output_tokens}`, {
      tokens,
      min_output_tokens: options.min_output_tokens,
      tokenizer: counter.name,
    });
  }
  return result;
}

/** A {@link PostProcessResult} that rejects the answer. */
export function reject(reason: string, details?: JsonRecord): PostProcessResult {
  return { rejection: details === undefined ? { reason } : { reason, details } };
}
