import { applyFieldChanges } from '../engine/apply-field-changes';
import type { PlannedFieldsStage } from './recipe-plan';
import type { RecipeCompilation } from './recipe-compilation';
import { fieldsStageSchema } from './recipe-schema';

/**
 * Compiles `- fields: { select, drop, rename, set }`: every field it selects, drops or renames
 * must reach it, and the fields after it are what it leaves, so later stages are checked against them.
 */
export function compileFieldsStage(
  value: unknown,
  path: ReadonlyArray<PropertyKey>,
  index: number,
  compilation: RecipeCompilation,
): PlannedFieldsStage | undefined {
  const stage = compilation.parse(fieldsStageSchema, value, path);
  if (stage == null) {
    // What it leaves is unknown: later stages are not checked against it.
    compilation.upstreamFieldsKnown = false;
    return undefined;
  }
  const { select, drop, rename, set } = stage.fields;
  const fieldsPath = [...path, 'fields'];
  const check = (field: string, at: ReadonlyArray<PropertyKey>, verb: string) => {
    const missing = compilation.missingField(field);
    if (missing != null) compilation.report(at, `${verb} the field "${field}", but ${missing} Name a field that reaches this stage.`);
  };
  select?.forEach((field, position) => check(field, [...fieldsPath, 'select', position], 'selects'));
  drop?.forEach((field, position) => check(field, [...fieldsPath, 'drop', position], 'drops'));
  for (const field of Object.keys(rename ?? {})) check(field, [...fieldsPath, 'rename', field], 'renames');

  // The fields that reach the next stage, in the order the stage applies its steps. With `when:`,
  // the records it skips keep theirs: fields are only added.
  const produced = compilation.producedFields;
  if (stage.when != null) {
    for (const field of [...Object.values(rename ?? {}), ...Object.keys(set ?? {})]) produced.add(field);
  } else {
    const after = Object.keys(applyFieldChanges(Object.fromEntries([...produced].map((field) => [field, null])), stage.fields));
    produced.clear();
    for (const field of after) produced.add(field);
  }

  return {
    kind: 'fields',
    index,
    name: stage.name ?? 'fields',
    reference: 'fields',
    ...(select == null ? {} : { select }),
    ...(drop == null ? {} : { drop }),
    ...(rename == null ? {} : { rename }),
    ...(set == null ? {} : { set }),
    concurrency: compilation.stageConcurrency(stage.concurrency),
  };
}
