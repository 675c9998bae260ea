import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { sampleJsonlRecords } from '../jsonl/sample-jsonl-records';
import type { PlannedSourceStage } from './recipe-plan';
import type { RecipeCompilation } from './recipe-compilation';
import { sourceStageSchema } from './recipe-schema';

/** How many records of a seed file `validate` reads to check their syntax and fields. */
const sampledRecords = 100;

/**
 * Compiles `- source: seeds.jsonl`: the file must exist (paths are relative to the recipe), and its
 * first records must be JSON objects. Their fields are what the next stages may read, so a task or
 * filter reading a field no seed record has is reported before any request.
 */
export function compileSourceStage(
  value: unknown,
  path: ReadonlyArray<PropertyKey>,
  index: number,
  compilation: RecipeCompilation,
): PlannedSourceStage | undefined {
  const stage = compilation.parse(sourceStageSchema, value, path);
  if (stage == null) return undefined;
  const seedPath = resolve(compilation.directory, stage.source);
  const planned: PlannedSourceStage = { kind: 'source', index, name: stage.name ?? 'source', path: seedPath };
  // What the seeds hold is known only once they are read.
  compilation.upstreamFieldsKnown = false;
  if (!existsSync(seedPath)) {
    compilation.report([...path, 'source'], `no file at ${seedPath} (paths are relative to the recipe).`);
    return planned;
  }
  let sample;
  try {
    sample = sampleJsonlRecords(seedPath, { maxRecords: sampledRecords });
  } catch (error) {
    compilation.report([...path, 'source'], `${error instanceof Error ? error.message : String(error)}. Fix the line (each line holds one JSON object), or remove it.`);
    return planned;
  }
  if (sample.records.length === 0) {
    compilation.report([...path, 'source'], `${seedPath} holds no records, so a run would produce nothing. Add one JSON object per line.`);
    return planned;
  }
  // A field some records lack is not an error: those records fail alone, as rejects, at run time.
  for (const record of sample.records) for (const field of Object.keys(record)) compilation.producedFields.add(field);
  compilation.upstreamFieldsKnown = true;
  compilation.seedFields = {
    file: basename(seedPath),
    description: sample.complete ? 'its records' : `its first ${sample.records.length} records`,
  };
  return planned;
}
