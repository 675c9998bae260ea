import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PlannedSourceStage } from './recipe-plan';
import type { RecipeCompilation } from './recipe-compilation';
import { sourceStageSchema } from './recipe-schema';

/** Compiles `- source: seeds.jsonl`: the file must exist (paths are relative to the recipe). */
export function compileSourceStage(
  value: unknown,
  path: ReadonlyArray<PropertyKey>,
  index: number,
  compilation: RecipeCompilation,
): PlannedSourceStage | undefined {
  const stage = compilation.parse(sourceStageSchema, value, path);
  if (stage == null) return undefined;
  const seedPath = resolve(compilation.directory, stage.source);
  if (!existsSync(seedPath)) compilation.report([...path, 'source'], `no file at ${seedPath} (paths are relative to the recipe).`);
  // What a seed file holds is not known before it is read.
  compilation.upstreamFieldsKnown = false;
  return { kind: 'source', index, name: stage.name ?? 'source', path: seedPath };
}
