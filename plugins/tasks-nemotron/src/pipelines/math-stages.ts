import { mathMacroTopics, mathProblems, mathSubtopics } from '../stage-factories';
import { definedOnly, listOptionsOf, type PipelineOptions } from './pipeline-options';
import { additionalTopicsOf, combineTopicsOf, type TopicTreeOptions } from './topic-tree-options';

/** Options of {@link mathStages}: NeMo's `run_math_pipeline` arguments, and the problems' level. */
export interface MathStagesOptions extends TopicTreeOptions, PipelineOptions {
  /** The school level of the macro topics, in words. @default 'university' */
  readonly school_level?: string;
  /** How many problems to generate per topic. */
  readonly n_openlines: number;
  /** The problems' template: `general` or `beginner`. @default 'general' */
  readonly level?: 'general' | 'beginner';
}

/**
 * The stages of the math pipeline, NeMo's `run_math_pipeline`: math macro topics at a school level
 * → subtopics of each → problems about each topic. Records end as `{ macro_topic, topic, openline }`.
 */
export function mathStages(options: MathStagesOptions) {
  const list = listOptionsOf(options);
  const settings = options.settings ?? {};
  return [
    mathMacroTopics(
      { n_macro_topics: options.n_macro_topics, ...definedOnly({ school_level: options.school_level }), ...additionalTopicsOf(options), ...list },
      settings,
    ),
    mathSubtopics({ n_subtopics: options.n_subtopics, ...combineTopicsOf(options), ...list }, settings),
    mathProblems({ n_openlines: options.n_openlines, ...definedOnly({ level: options.level }), ...list }, settings),
  ] as const;
}
