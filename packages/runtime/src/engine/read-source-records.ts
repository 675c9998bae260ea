import type { JsonRecord } from '@synthkit/core';
import { readDocuments } from '../documents/read-documents';
import { readJsonl } from '../jsonl';
import type { PlannedSourceStage } from '../recipe/recipe-plan';

/**
 * Streams the records of a source stage: the JSONL file's records, or one `{ text, path }` record
 * per document file, sorted by path. Either way one record (one line, one file) is in memory at once.
 */
export function readSourceRecords(stage: PlannedSourceStage, options: { readonly signal?: AbortSignal } = {}): AsyncGenerator<JsonRecord, void, undefined> {
  const { documents } = stage;
  return documents == null ? readJsonl(stage.path, options) : readDocuments(documents.source, documents.pattern, documents.directory, options);
}
