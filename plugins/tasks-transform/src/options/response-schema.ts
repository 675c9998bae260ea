import type { JsonValue } from '@synthkit/core';
import { z } from 'zod';

/**
 * What a stage's `schema` option holds: a JSON Schema object in a recipe, or a zod schema in a
 * pipeline written in code. Either way the engine sends it to the provider as JSON Schema and
 * checks every answer against it (a zod schema also parses the answer: defaults apply).
 */
export type ResponseSchema = z.ZodType | Readonly<Record<string, JsonValue>>;

/**
 * Schema of a `schema` option ({@link ResponseSchema}), checked when the recipe is validated: a
 * JSON Schema must be one the engine can check answers against (it reads it with zod's
 * `z.fromJSONSchema`), and a zod schema must be expressible as JSON Schema (no transforms), since
 * that is what providers are sent.
 */
export const responseSchemaSchema = z.custom<ResponseSchema>().superRefine((value, context) => {
  const problem = value instanceof z.ZodType ? zodSchemaProblem(value) : jsonSchemaProblem(value);
  if (problem != null) context.addIssue({ code: 'custom', message: problem });
});

/**
 * The JSON Schema of a {@link ResponseSchema}: a JSON Schema as it is; a zod schema as the engine
 * sends it to providers (its output side, without `$schema`). Made once per schema object.
 */
export function jsonSchemaOf(schema: ResponseSchema): Readonly<Record<string, unknown>> {
  if (!(schema instanceof z.ZodType)) return schema;
  let converted = convertedSchemas.get(schema);
  if (converted == null) {
    const { $schema: _version, ...rest } = z.toJSONSchema(schema, { io: 'output' }) as Record<string, unknown>;
    converted = rest;
    convertedSchemas.set(schema, converted);
  }
  return converted;
}

// --- Internal helpers ---

const convertedSchemas = new WeakMap<z.ZodType, Readonly<Record<string, unknown>>>();

function zodSchemaProblem(schema: z.ZodType): string | undefined {
  try {
    z.toJSONSchema(schema, { io: 'output' });
    return undefined;
  } catch (error) {
    return (
      `is a zod schema that cannot be written as JSON Schema, which is what providers are sent (${(error as Error).message}). ` +
      'Leave transforms and other code out of it, or pass a JSON Schema object.'
    );
  }
}

function jsonSchemaProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return (
      `must be a JSON Schema, a map such as { type: object, properties: { name: { type: string } }, required: [name] }, ` +
      `got ${value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`}`
    );
  }
  try {
    z.fromJSONSchema(value as Parameters<typeof z.fromJSONSchema>[0]);
    return undefined;
  } catch (error) {
    return (
      `is not a JSON Schema the engine can check answers against: ${(error as Error).message}. ` +
      'Write it with the standard keywords (type, properties, required, items, enum, $defs and $ref).'
    );
  }
}
