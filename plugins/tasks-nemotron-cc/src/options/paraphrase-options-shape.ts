import { z } from 'zod';

/**
 * The options of the tasks whose answers begin with a fixed text (rephrase, distill): the prefix to
 * require and drop, and quotation removal. Spread it into the task's `z.object({...}).strict()`.
 *
 * @param prefix The text the task's prompt asks the answer to begin with.
 * @param output What the output is, for the descriptions: `rephrased text`, `distilled text`.
 */
export function paraphraseOptionsShape(prefix: string, output: string) {
  return {
    answer_prefix: z
      .string()
      .min(1)
      .nullable()
      .default(prefix)
      .describe('Reject an answer that does not begin with this text, and drop it from the others; null keeps every answer whole.'),
    remove_quotes: z.boolean().default(true).describe(`Remove double quotes around the whole ${output}.`),
  };
}
