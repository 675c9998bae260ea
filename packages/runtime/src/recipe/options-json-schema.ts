import { z } from 'zod';

/**
 * The JSON Schema of an item's options (as users write them: defaults are optional), for
 * `synthkit tasks list --json` and editor tooling. Returns null for schemas JSON Schema cannot express.
 */
export function optionsJsonSchema(schema: z.ZodType): unknown {
  try {
    return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' });
  } catch {
    return null;
  }
}
