import { z } from 'zod';

/**
 * What one judge answers, as structured output: its reasoning first (a model writing in order
 * thinks before it grades), then a whole grade from 1 (worst) to 5 (best). The engine asks the
 * provider for this JSON schema, checks every answer against it and sends a wrong one back once to
 * be fixed; one still wrong after that rejects the record.
 */
export const judgeVerdictSchema = z.strictObject({
  reasoning: z.string().describe('Two or three sentences on how well the answer meets the rubric, naming its main strength and its main flaw.'),
  score: z.int().min(1).max(5).describe('The grade, a whole number from 1 (worst) to 5 (best), as the rubric defines each.'),
});

/** One judge's verdict. */
export type JudgeVerdict = z.output<typeof judgeVerdictSchema>;
