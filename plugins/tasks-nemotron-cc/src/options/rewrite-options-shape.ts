import { z } from 'zod';
import { inputFieldOptionSchema } from './input-field-option-schema';
import { tokenizerOptionSchema } from '../tokenizer/token-counter';

/** What one rewriting task sets as defaults of the options every rewriting task has. */
export interface RewriteOptionDefaults {
  /** NeMo's length check of the raw answer: the task's `max_tokens` minus 2. */
  readonly maxAnswerTokens: number;
  /** NeMo's length check of the output: 50 tokens, 100 for diverse QA (whose output holds the document). */
  readonly minOutputTokens: number;
}

/**
 * The options every rewriting task has (the document's field, tokenizer, markdown removal and the two token checks), with
 * the task's own defaults. Spread it into the task's `z.object({...}).strict()`.
 */
export function rewriteOptionsShape({ maxAnswerTokens, minOutputTokens }: RewriteOptionDefaults) {
  return {
    input_field: inputFieldOptionSchema,
    tokenizer: tokenizerOptionSchema,
    remove_markdown: z
      .boolean()
      .default(true)
      .describe('Unwrap `**bold**`, `*italic*` and `_underlined_` text and keep only the target of `[links](...)`, line by line, before the other steps.'),
    max_answer_tokens: z
      .int()
      .min(1)
      .nullable()
      .default(maxAnswerTokens)
      .describe(
        'Reject an answer longer than this many tokens, as probably cut off at max_tokens (NeMo keeps answers up to max_tokens minus 2). ' +
          'Raise it when you raise max_tokens; null turns the check off.',
      ),
    min_output_tokens: z
      .int()
      .min(0)
      .default(minOutputTokens)
      .describe('Reject an output (after post-processing) shorter than this many tokens.'),
  };
}

/** The options {@link rewriteOptionsShape} adds, as a task's `run` sees them. */
export interface RewriteOptions {
  readonly input_field: string;
  readonly tokenizer: z.output<typeof tokenizerOptionSchema>;
  readonly remove_markdown: boolean;
  readonly max_answer_tokens: number | null;
  readonly min_output_tokens: number;
}
