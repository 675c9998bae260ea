import { z } from 'zod';

/**
 * Schema of an item option that names a record field (`field: text`, `output: summary`): a
 * non-empty name that does not start with `_`, since `_id` and `_meta` are the engine's and a
 * task's value there would be replaced. Shared so every plugin refuses the same names in the same words.
 */
export const fieldNameSchema = z
  .string()
  .min(1)
  .refine((name) => !name.startsWith('_'), {
    error: 'names a field that starts with "_"; those belong to the engine (_id, _meta). Choose another field name.',
  });
