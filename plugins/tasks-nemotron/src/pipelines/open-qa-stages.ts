import { macroTopics, openQAQuestions, openQARevisions, subtopics } from '../stage-factories';
import { listOptionsOf, type PipelineOptions } from './pipeline-options';
import { additionalTopicsOf, combineTopicsOf, type TopicTreeOptions } from './topic-tree-options';

/** Options of {@link openQAStages}: NeMo's `run_open_qa_pipeline` arguments. */
export interface OpenQAStagesOptions extends TopicTreeOptions, PipelineOptions {
  /** How many questions to generate per topic. */
  readonly n_openlines: number;
  /** How many revisions to generate per question. */
  readonly n_revisions: number;
}

/**
 * The stages of the open QA pipeline, NeMo's `run_open_qa_pipeline`: macro topics → subtopics of
 * each → questions about each topic → revisions of each question. Records end as
 * `{ macro_topic, topic, openline, revision }`.
 *
 * ```ts
 * await run({ models: { default: openai('gpt-4o-mini') }, stages: openQAStages({ n_macro_topics: 5, n_subtopics: 3, n_openlines: 3, n_revisions: 2 }), out: 'out/open-qa' });
 * ```
 */
export function openQAStages(options: OpenQAStagesOptions) {
  const list = listOptionsOf(options);
  const settings = options.settings ?? {};
  return [
    macroTopics({ n_macro_topics: options.n_macro_topics, ...additionalTopicsOf(options), ...list }, settings),
    subtopics({ n_subtopics: options.n_subtopics, ...combineTopicsOf(options), ...list }, settings),
    openQAQuestions({ n_openlines: options.n_openlines, ...list }, settings),
    openQARevisions({ n_revisions: options.n_revisions, ...list }, settings),
  ] as const;
}
