import type { SourceStageV1 } from '@synthkit/core';
import { closedQAInstructions } from '../stage-factories';
import { listOptionsOf, type PipelineOptions } from './pipeline-options';

/** Options of {@link closedQAStages}: NeMo's `run_closed_qa_pipeline` arguments. */
export interface ClosedQAStagesOptions extends PipelineOptions {
  /**
   * The JSONL file of documents, one `{ "document": ... }` (or `{ "text": ... }`) per line (plain
   * or gzip, relative to the pipeline's `directory`). Give each line an `_id` (or a
   * `document_index`) to find a question's document by it.
   */
  readonly source: string;
  /** How many questions or instructions to generate per document. */
  readonly n_openlines: number;
}

/**
 * The stages of the closed QA pipeline, NeMo's `run_closed_qa_pipeline`: documents from a file →
 * questions or instructions answerable from each. Records end as the document record's fields
 * plus `openline`, with `_meta.parent` the document record's `_id`: NeMo's `(document_index,
 * question)` pairs.
 */
export function closedQAStages(options: ClosedQAStagesOptions) {
  const documents: SourceStageV1<{ document?: string; text?: string }> = { kind: 'source', path: options.source };
  return [documents, closedQAInstructions({ n_openlines: options.n_openlines, ...listOptionsOf(options) }, options.settings ?? {})] as const;
}
