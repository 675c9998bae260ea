import { z } from 'zod';

/**
 * Schema of an option that names a record field (`field: topic`, `output: is_math`): a non-empty
 * name that does not start with `_`, since `_id` and `_meta` are the engine's and a task's value
 * there would be replaced.
 */
export const fieldNameSchema = z
  .string()
  .min(1)
  .refine((name) => !name.startsWith('_'), {
    error: 'names a field that starts with "_"; those belong to the engine (_id, _meta). Choose another field name.',
  });
