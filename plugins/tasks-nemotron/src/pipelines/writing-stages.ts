import type { SourceStageV1 } from '@synthkit/core';
import { writingTaskRevisions, writingTasks } from '../stage-factories';
import { listOptionsOf, type PipelineOptions } from './pipeline-options';

/** Options of {@link writingStages}: NeMo's `run_writing_pipeline` arguments. */
export interface WritingStagesOptions extends PipelineOptions {
  /**
   * The JSONL file of topics, one `{ "topic": ... }` per line (plain or gzip, relative to the
   * pipeline's `directory`). A line may name its own `text_material_type`, which replaces the
   * `text_material_types` list for that topic.
   */
  readonly source: string;
  /** The kinds of text paired with every topic. @default ['essay', 'poem', 'short story', 'letter', 'blog post'] */
  readonly text_material_types?: ReadonlyArray<string>;
  /** How many writing tasks to generate per (topic, kind of text) pair. */
  readonly n_openlines: number;
  /** How many revisions to generate per writing task. */
  readonly n_revisions: number;
}

/**
 * The stages of the writing pipeline, NeMo's `run_writing_pipeline`: topics from a file → writing
 * tasks for each (topic × kind of text) pair → revisions of each task. Records end as
 * `{ topic, text_material_type, openline, revision }`.
 */
export function writingStages(options: WritingStagesOptions) {
  const list = listOptionsOf(options);
  const settings = options.settings ?? {};
  const topics: SourceStageV1<{ topic: string; text_material_type?: string }> = { kind: 'source', path: options.source };
  return [
    topics,
    writingTasks(
      {
        n_openlines: options.n_openlines,
        ...(options.text_material_types === undefined ? {} : { text_material_types: [...options.text_material_types] }),
        ...list,
      },
      settings,
    ),
    writingTaskRevisions({ n_revisions: options.n_revisions, ...list }, settings),
  ] as const;
}
