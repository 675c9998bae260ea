import type { z } from 'zod';
import type { FilterV1 } from '@synthkit/core';
import type { RegistryItem } from '../registry/create-registry';
import type { PlannedFilterStage, PlannedModifierStage } from './recipe-plan';
import { itemName, type RecipeCompilation } from './recipe-compilation';
import { filterStageSchema, modifierStageSchema } from './recipe-schema';

/** Compiles `- filter: namespace:item`: the filter, its options, the field it scores, inversion. */
export function compileFilterStage(
  value: unknown,
  path: ReadonlyArray<PropertyKey>,
  index: number,
  compilation: RecipeCompilation,
): PlannedFilterStage | undefined {
  const stage = compilation.parse(filterStageSchema, value, path);
  if (stage == null) return undefined;
  const created = createItem(compilation, compilation.lookup('filters', stage.filter, [...path, 'filter']), stage.options, path, filterMethods);
  checkField(compilation, stage.filter, 'scores', stage.field, path);
  if (created == null) return undefined;
  return {
    kind: 'filter',
    index,
    name: stage.name ?? itemName(created.reference),
    reference: created.reference,
    // Checked above to have score() and keep(): an aggregate filter is refused until the engine runs them.
    filter: created.item as FilterV1,
    field: stage.field ?? 'text',
    invert: stage.invert ?? false,
    concurrency: compilation.stageConcurrency(stage.concurrency),
  };
}

/** Compiles `- modifier: namespace:item`: the modifier, its options and the field it rewrites. */
export function compileModifierStage(
  value: unknown,
  path: ReadonlyArray<PropertyKey>,
  index: number,
  compilation: RecipeCompilation,
): PlannedModifierStage | undefined {
  const stage = compilation.parse(modifierStageSchema, value, path);
  if (stage == null) return undefined;
  const created = createItem(compilation, compilation.lookup('modifiers', stage.modifier, [...path, 'modifier']), stage.options, path, modifierMethods);
  checkField(compilation, stage.modifier, 'rewrites', stage.field, path);
  if (created == null) return undefined;
  return {
    kind: 'modifier',
    index,
    name: stage.name ?? itemName(created.reference),
    reference: created.reference,
    modifier: created.item,
    field: stage.field ?? 'text',
    concurrency: compilation.stageConcurrency(stage.concurrency),
  };
}

// --- Internal helpers ---

/** The field a filter scores or a modifier rewrites must reach it (`text` when `field:` is not set). */
function checkField(
  compilation: RecipeCompilation,
  reference: string,
  verb: 'scores' | 'rewrites',
  field: string | undefined,
  path: ReadonlyArray<PropertyKey>,
): void {
  const missing = compilation.missingField(field ?? 'text');
  if (missing == null) return;
  if (field == null) {
    compilation.report(path, `${reference} ${verb} the field "text" (the default, as no field: is set), but ${missing} Set field: to the field it should read.`);
  } else {
    compilation.report([...path, 'field'], `${reference} ${verb} the field "${field}", but ${missing} Set field: to one of them.`);
  }
}

/** What a `FilterV1` must have, so a plugin's broken filter is refused here, not on every record of a paid run. */
const filterMethods = { kind: 'filter', spec: 'FilterV1', methods: ['score', 'keep'] } as const;
/** What a `ModifierV1` must have. */
const modifierMethods = { kind: 'modifier', spec: 'ModifierV1', methods: ['modify'] } as const;

/**
 * Parses a found filter's or modifier's options and creates it, checking that what `create()`
 * returned has the methods of its spec; undefined after reporting why not.
 */
function createItem<Item>(
  compilation: RecipeCompilation,
  found: RegistryItem<{ readonly options: z.ZodType; create(options: never): Item }> | undefined,
  options: unknown,
  path: ReadonlyArray<PropertyKey>,
  shape: { readonly kind: string; readonly spec: string; readonly methods: ReadonlyArray<string> },
): { reference: string; item: Item } | undefined {
  if (found == null) return undefined;
  const parsed = compilation.parseOptions(found.item.options, options, [...path, 'options']);
  if (!parsed.valid) return undefined;
  const created = compilation.construct(() => found.item.create(parsed.value as never), [...path, 'options']);
  if (created == null) return undefined;
  const item = created.value;
  const missing = shape.methods.filter((method) => typeof (item as Record<string, unknown> | null)?.[method] !== 'function');
  if (missing.length > 0) {
    compilation.report(
      [...path, shape.kind],
      `${shape.kind} ${found.reference} is broken: its create() returned ${item === null || typeof item !== 'object' ? String(item) : 'an object'} ` +
        `without ${missing.map((method) => `${method}()`).join(' and ')}, which a ${shape.spec} must have. This is a bug in the plugin ` +
        `${found.plugin.name} ${found.plugin.version}: report it to its authors, or use another ${shape.kind}.`,
    );
    return undefined;
  }
  return { reference: found.reference, item };
}
