import type { FilterDefinitionV1, ModifierDefinitionV1 } from '@synthkit/core';
import { z } from 'zod';

/** A filter or modifier of this plugin, found by name, with its options parsed. */
export interface ResolvedItem<Definition> {
  /** The item's full name, `heuristic:<name>`. */
  readonly reference: string;
  readonly definition: Definition;
  /** Its options after parsing (defaults applied). */
  readonly options: unknown;
}

/**
 * Checks a wrapper's reference to one of this plugin's filters or modifiers (`heuristic:word-count`
 * or `word-count`) and parses that item's options with its own schema, reporting problems at
 * `path` in the wrapper's options. Wrappers chain this plugin's items only: a plugin cannot reach
 * another plugin's items; those chain as recipe stages.
 */
export function resolveHeuristicItem<Definition extends FilterDefinitionV1<any> | ModifierDefinitionV1<any>>(
  kind: 'filter' | 'modifier',
  items: Readonly<Record<string, Definition>>,
  reference: string,
  options: unknown,
  context: z.RefinementCtx,
  path: ReadonlyArray<PropertyKey>,
): ResolvedItem<Definition> | undefined {
  const name = reference.startsWith('heuristic:') ? reference.slice('heuristic:'.length) : reference;
  const definition = Object.hasOwn(items, name) ? items[name] : undefined;
  if (definition === undefined) {
    const namespace = reference.includes(':') && !reference.startsWith('heuristic:') ? reference.split(':')[0] : undefined;
    context.addIssue({
      code: 'custom',
      path: [...path, kind],
      message:
        namespace === undefined
          ? `unknown ${kind} "${reference}"; this plugin's ${kind}s: ${Object.keys(items).map((item) => `heuristic:${item}`).join(', ')}`
          : `"${reference}" is not a heuristic ${kind}: wrappers chain heuristic:* items only; apply ${namespace}:* items as recipe stages`,
    });
    return undefined;
  }
  const parsed = definition.options.safeParse(options);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      context.addIssue({ code: 'custom', path: [...path, 'options', ...issue.path], message: `heuristic:${name}: ${issue.message}` });
    }
    return undefined;
  }
  return { reference: `heuristic:${name}`, definition, options: parsed.data };
}

/** The schema of a nested item's options: any object, checked later against the item's own schema. */
export const nestedOptionsSchema = z
  .record(z.string(), z.unknown(), { error: 'must be an object of the item\'s options' })
  .optional()
  .describe("The item's options, as its own recipe stage would write them.");
