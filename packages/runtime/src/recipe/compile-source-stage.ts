import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { decodeDocument } from '../documents/decode-document';
import { readFileStart } from '../files/read-file-start';
import { listDocumentFiles } from '../documents/list-document-files';
import { parseSourcePath } from '../documents/parse-source-path';
import { sampleJsonlRecords } from '../jsonl/sample-jsonl-records';
import type { PlannedSourceStage } from './recipe-plan';
import type { RecipeCompilation } from './recipe-compilation';
import { sourceStageSchema } from './recipe-schema';

/** How many records of a seed file (or documents of a folder) `validate` reads to check them. */
const sampledRecords = 100;

/** The bytes of each sampled document `validate` checks are text. */
const sampledDocumentBytes = 64 * 1024;

/**
 * Compiles `- source: seeds.jsonl`: the file must exist (paths are relative to the recipe), and its
 * first records must be JSON objects. Their fields are what the next stages may read, so a task or
 * filter reading a field no seed record has is reported before any request.
 *
 * `- source: docs/` (or a glob, `docs/**\/*.md`) reads documents instead: the files must exist, and
 * the first ones must be UTF-8 text; the records have the fields `text` and `path`.
 */
export function compileSourceStage(
  value: unknown,
  path: ReadonlyArray<PropertyKey>,
  index: number,
  compilation: RecipeCompilation,
): PlannedSourceStage | undefined {
  const stage = compilation.parse(sourceStageSchema, value, path);
  if (stage == null) return undefined;
  const name = stage.name ?? 'source';
  const written = parseSourcePath(stage.source);
  if (written.kind === 'documents') {
    const documents = { source: stage.source, pattern: written.pattern, directory: compilation.directory };
    const planned: PlannedSourceStage = { kind: 'source', index, name, path: resolve(compilation.directory, written.pattern), documents };
    compileDocumentSource(documents, [...path, 'source'], compilation);
    return planned;
  }
  const seedPath = resolve(compilation.directory, written.path);
  const planned: PlannedSourceStage = { kind: 'source', index, name, path: seedPath };
  // What the seeds hold is known only once they are read.
  compilation.upstreamFieldsKnown = false;
  if (!existsSync(seedPath)) {
    compilation.report([...path, 'source'], `no file at ${seedPath} (paths are relative to the recipe).`);
    return planned;
  }
  if (statSync(seedPath).isDirectory()) {
    compilation.report(
      [...path, 'source'],
      `${seedPath} is a folder, not a JSONL file. To read each file in it as a document ({ text, path }), write it with a trailing slash (${stage.source}/) or as a glob (${stage.source}/*.md).`,
    );
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

// --- Internal helpers ---

/**
 * Checks a source of documents as far as can be done quickly: the files are listed (a missing folder
 * or a pattern nothing matches is an error), and the start of the first ones is checked to be UTF-8
 * text. The run reads every file before it starts, so a bad file further on fails it at once too.
 */
function compileDocumentSource(
  documents: { readonly source: string; readonly pattern: string; readonly directory: string },
  path: ReadonlyArray<PropertyKey>,
  compilation: RecipeCompilation,
): void {
  // Every document record has these two fields, whatever the files hold.
  compilation.producedFields.add('text');
  compilation.producedFields.add('path');
  compilation.upstreamFieldsKnown = true;
  compilation.seedFields = { file: documents.source, description: 'the documents (one per file)' };
  try {
    const files = listDocumentFiles(documents.source, documents.pattern, documents.directory);
    for (const file of files.slice(0, sampledRecords)) {
      const { bytes, wholeFile } = readFileStart(resolve(documents.directory, file), sampledDocumentBytes);
      decodeDocument(bytes, { source: documents.source, file, partial: !wholeFile });
    }
  } catch (error) {
    compilation.report(path, error instanceof Error ? error.message : String(error));
  }
}
