import { compileFieldsStage } from './compile-fields-stage';
import { compileFilterStage, compileModifierStage } from './compile-item-stage';
import { compileSourceStage } from './compile-source-stage';
import { compileTaskStage } from './compile-task-stage';
import type { PlannedStage } from './recipe-plan';
import type { RecipeCompilation } from './recipe-compilation';

/** The kinds of stage a recipe can have, named by the key that makes a stage one. */
export type StageKind = 'source' | 'task' | 'filter' | 'modifier' | 'fields';

/**
 * Turns one stage of a recipe (its plain value, at `path`) into a planned stage, or reports its
 * problems on `compilation` and returns undefined.
 */
export type StageCompiler = (
  value: unknown,
  path: ReadonlyArray<PropertyKey>,
  index: number,
  compilation: RecipeCompilation,
) => PlannedStage | undefined;

/** One compiler per stage kind: adding a kind is adding a row. */
export const stageCompilers: Readonly<Record<StageKind, StageCompiler>> = {
  source: compileSourceStage,
  task: compileTaskStage,
  filter: compileFilterStage,
  modifier: compileModifierStage,
  fields: compileFieldsStage,
};

/** Which kind a stage is, by its one key among `source`, `task`, `filter`, `modifier`, `fields`; or why it is none. */
export function stageKind(value: unknown): { kind: StageKind; error?: undefined } | { kind?: undefined; error: string } {
  if (value == null || typeof value !== 'object' || Array.isArray(value)) {
    return { error: 'a stage must be a mapping with one of the keys: task, filter, modifier, fields, source.' };
  }
  const present = (Object.keys(stageCompilers) as StageKind[]).filter((key) => key in value);
  if (present.length === 1) return { kind: present[0]! };
  if (present.length === 0) {
    return { error: 'a stage needs one of the keys task, filter, modifier, fields or source (e.g. "task: nemotron:subtopics").' };
  }
  return { error: `a stage can have only one of task, filter, modifier, fields, source; this one has ${present.join(' and ')}.` };
}
