import { fieldNameSchema } from '@synthkit/core';
import { z } from 'zod';

/**
 * The options every task that answers a prompt has: `prompt_field`, the field holding the prompt
 * (default `prompt`; the Nemotron open-QA pipeline writes its questions to `revision`), and
 * `system_prompt`, an optional system turn for the model that answers. Spread into the task's options.
 */
export const answerOptionsShape = {
  prompt_field: fieldNameSchema
    .default('prompt')
    .describe('The record field that holds the prompt to answer (`revision` after the Nemotron open-QA revisions, `openline` after its questions).'),
  system_prompt: z
    .string()
    .trim()
    .min(1)
    .optional()
    .meta({ description: 'A system turn sent before each prompt (template `answer-with-system`).', defaultDescription: 'none: the prompt alone (template `answer`)' }),
};
