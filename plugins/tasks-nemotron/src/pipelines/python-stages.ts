import { pythonMacroTopics, pythonProblems, pythonSubtopics } from '../stage-factories';
import { definedOnly, listOptionsOf, type PipelineOptions } from './pipeline-options';
import { additionalTopicsOf, combineTopicsOf, type TopicTreeOptions } from './topic-tree-options';

/** Options of {@link pythonStages}: NeMo's `run_python_pipeline` arguments, the language and the problems' level. */
export interface PythonStagesOptions extends TopicTreeOptions, PipelineOptions {
  /** How many problems to generate per topic. */
  readonly n_openlines: number;
  /** The programming language of every stage. @default 'Python' */
  readonly language?: string;
  /** The problems' template: `beginner`, `intermediate` or `advanced`. @default 'beginner' */
  readonly level?: 'beginner' | 'intermediate' | 'advanced';
}

/**
 * The stages of the coding pipeline, NeMo's `run_python_pipeline` for any language: concepts →
 * narrower concepts of each → problems about each. Records end as `{ macro_topic, topic, openline }`;
 * each subtopic is asked about once (NeMo's sync pipeline repeated them, quirk 15.1).
 */
export function pythonStages(options: PythonStagesOptions) {
  const list = listOptionsOf(options);
  const language = definedOnly({ language: options.language });
  const settings = options.settings ?? {};
  return [
    pythonMacroTopics({ n_macro_topics: options.n_macro_topics, ...language, ...additionalTopicsOf(options), ...list }, settings),
    pythonSubtopics({ n_subtopics: options.n_subtopics, ...language, ...combineTopicsOf(options), ...list }, settings),
    pythonProblems({ n_openlines: options.n_openlines, ...language, ...definedOnly({ level: options.level }), ...list }, settings),
  ] as const;
}
