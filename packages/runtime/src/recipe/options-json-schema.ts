import { z } from 'zod';

/**
 * The JSON Schema of what a schema accepts (its input side: fields with defaults are optional), for
 * an item's options in `synthkit tasks list --json` and for reading a task's input fields. Returns
 * null for schemas JSON Schema cannot express.
 */
export function optionsJsonSchema(schema: z.ZodType): unknown {
  try {
    return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' });
  } catch {
    return null;
  }
}
