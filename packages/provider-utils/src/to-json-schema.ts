import { z } from 'zod';

/** A JSON schema as a plain object. */
export type JsonSchema = Record<string, unknown>;

/**
 * The JSON schema of a zod schema (draft 2020-12, as `z.toJSONSchema` writes it, without the
 * `$schema` key that some APIs refuse), or a JSON schema passed as it is. Providers send it as
 * OpenAI's `response_format.json_schema.schema` or as an Anthropic tool's `input_schema`.
 *
 * @throws Error from zod when the schema holds something JSON schema cannot express (a transform,
 * a `z.date()`), naming it.
 */
export function toJsonSchema(schema: z.ZodType | JsonSchema): JsonSchema {
  if (!(schema instanceof z.ZodType)) return schema;
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'output' }) as JsonSchema;
  return rest;
}
