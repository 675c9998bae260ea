import { isAggregateFilter, type FilterDefinitionV1 } from '@synthkit/core';
import type { z } from 'zod';
import type { RegistryItem } from '../registry/create-registry';
import { checkProviderOptions } from './check-provider-options';
import { compileModelBindings, endpointFillingConcurrency } from './compile-model-bindings';
import type { PlannedFilterStage, PlannedModifierStage } from './recipe-plan';
import { itemName, type RecipeCompilation } from './recipe-compilation';
import { filterStageSchema, modifierStageSchema } from './recipe-schema';

/**
 * Compiles `- filter: namespace:item`: the filter, its options, the field it scores, inversion,
 * and, for a filter that declares model roles (a judge, a reward-model or embedding filter), their
 * models, parameters and template overrides, bound as a task's are.
 */
export function compileFilterStage(
  value: unknown,
  path: ReadonlyArray<PropertyKey>,
  index: number,
  compilation: RecipeCompilation,
): PlannedFilterStage | undefined {
  const stage = compilation.parse(filterStageSchema, value, path);
  if (stage == null) return undefined;
  const found = compilation.lookup('filters', stage.filter, [...path, 'filter']);
  if (stage.params != null) checkProviderOptions(compilation, stage.params, [...path, 'params']);
  const created = createItem(compilation, found, stage.options, path, filterMethods);
  checkField(compilation, stage.filter, 'scores', stage.field, path);
  if (found == null) return undefined;
  const definition = found.item as FilterDefinitionV1;
  const bindings = compileModelBindings(
    compilation,
    { kind: 'filter', reference: found.reference, declared: definition },
    stage,
    path,
    created == null ? { valid: false } : { valid: true, value: created.options },
  );
  if (created == null) return undefined;
  return {
    kind: 'filter',
    index,
    name: stage.name ?? itemName(created.reference),
    reference: created.reference,
    filter: created.item,
    options: created.options,
    field: stage.field ?? 'text',
    invert: stage.invert ?? false,
    // A filter that calls models keeps its endpoints full, as a task does; one that does not, the recipe's window.
    concurrency: stage.concurrency ?? compilation.document.concurrency ?? endpointFillingConcurrency(bindings) ?? compilation.stageConcurrency(undefined),
    ...bindings,
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

/**
 * What a `FilterV1` must have, so a plugin's broken filter is refused here, not on every record of
 * a paid run; an `AggregateFilterV1` (`kind: 'aggregate'`) must observe, and give verdicts unless
 * it only watches (`passThrough`).
 */
const filterMethods: ItemShape = {
  kind: 'filter',
  spec: (item) => (isAggregateFilter(item) ? 'AggregateFilterV1' : 'FilterV1'),
  methods: (item) => (isAggregateFilter(item) ? (item.passThrough === true ? ['observe'] : ['observe', 'verdicts']) : ['score', 'keep']),
};
/** What a `ModifierV1` must have. */
const modifierMethods: ItemShape = { kind: 'modifier', spec: () => 'ModifierV1', methods: () => ['modify'] };

/** The methods an item created by a plugin must have, by its spec. */
interface ItemShape {
  readonly kind: string;
  spec(item: unknown): string;
  methods(item: unknown): ReadonlyArray<string>;
}

/**
 * Parses a found filter's or modifier's options and creates it, checking that what `create()`
 * returned has the methods of its spec; undefined after reporting why not.
 */
function createItem<Item>(
  compilation: RecipeCompilation,
  found: RegistryItem<{ readonly options: z.ZodType; create(options: never): Item }> | undefined,
  options: unknown,
  path: ReadonlyArray<PropertyKey>,
  shape: ItemShape,
): { reference: string; item: Item; options: unknown } | undefined {
  if (found == null) return undefined;
  const parsed = compilation.parseOptions(found.item.options, options, [...path, 'options']);
  if (!parsed.valid) return undefined;
  const created = compilation.construct(() => found.item.create(parsed.value as never), [...path, 'options']);
  if (created == null) return undefined;
  const item = created.value;
  const missing = shape.methods(item).filter((method) => typeof (item as Record<string, unknown> | null)?.[method] !== 'function');
  if (missing.length > 0) {
    compilation.report(
      [...path, shape.kind],
      `${shape.kind} ${found.reference} is broken: its create() returned ${item === null || typeof item !== 'object' ? String(item) : 'an object'} ` +
        `without ${missing.map((method) => `${method}()`).join(' and ')}, which a ${shape.spec(item)} must have. This is a bug in the plugin ` +
        `${found.plugin.name} ${found.plugin.version}: report it to its authors, or use another ${shape.kind}.`,
    );
    return undefined;
  }
  return { reference: found.reference, item, options: parsed.value };
}
