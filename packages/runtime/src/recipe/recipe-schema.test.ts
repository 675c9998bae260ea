import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { modelPriceSchema } from '../cost/model-price';
import { endpointSettingsSchema } from '../gateway/endpoint-settings';
import { optionsJsonSchema } from './options-json-schema';
import { filterStageSchema, modifierStageSchema, recipeParamsSchema, recipeSchema, sourceStageSchema, taskStageSchema } from './recipe-schema';

const documentedSchemas: ReadonlyArray<[string, z.ZodType]> = [
  ['recipe', recipeSchema],
  ['source stage', sourceStageSchema],
  ['task stage', taskStageSchema],
  ['filter stage', filterStageSchema],
  ['modifier stage', modifierStageSchema],
  ['params', recipeParamsSchema],
  ['endpoints', endpointSettingsSchema],
  ['prices', modelPriceSchema],
];

describe('the recipe schemas document themselves', () => {
  it.each(documentedSchemas)('every field of the %s schema has a description (docs/recipe-reference.md is made of them)', (_name, schema) => {
    expect(undescribedFields(optionsJsonSchema(schema), '')).toEqual([]);
  });

  it('states fixed defaults as the value the runtime uses', () => {
    const endpoint = optionsJsonSchema(endpointSettingsSchema) as { properties: Record<string, { default?: unknown }> };
    expect(endpoint.properties['timeout_ms']?.default).toBe(30_000);
    expect(endpoint.properties['on_content_filter']?.default).toBe('reject');
  });

  it('leaves validation as it was: descriptions change no message', () => {
    const result = taskStageSchema.safeParse({ task: 'nemotron:subtopics', name: 'Bad Name' });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['must be lower-case letters, digits, "-" and "_"']);
    expect(recipeSchema.safeParse({ stages: [] }).error?.issues[0]?.message).toBe('a recipe needs at least one stage');
  });
});

// --- Internal helpers ---

/** Paths of the properties, at any depth, whose JSON Schema has no description. */
function undescribedFields(schema: unknown, path: string): string[] {
  const node = (schema ?? {}) as {
    properties?: Record<string, { description?: unknown }>;
    anyOf?: unknown[];
    items?: unknown;
    additionalProperties?: unknown;
  };
  const missing: string[] = [];
  for (const [key, property] of Object.entries(node.properties ?? {})) {
    if (typeof property.description !== 'string' || property.description.trim() === '') missing.push(`${path}${key}`);
    missing.push(...undescribedFields(property, `${path}${key}.`));
  }
  for (const member of node.anyOf ?? []) missing.push(...undescribedFields(member, path));
  if (node.items != null) missing.push(...undescribedFields(node.items, `${path}[].`));
  if (typeof node.additionalProperties === 'object') missing.push(...undescribedFields(node.additionalProperties, `${path}<key>.`));
  return missing;
}
