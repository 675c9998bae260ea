/**
 * The options of the pipelines that grow a tree of topics (open QA, math, Python), named as
 * NeMo's pipelines name them, and where each goes.
 */
export interface TopicTreeOptions {
  /** How many macro topics to generate. */
  readonly n_macro_topics: number;
  /** How many subtopics to generate per macro topic. */
  readonly n_subtopics: number;
  /**
   * Macro topics of your own, expanded into subtopics like the generated ones: the macro-topics
   * stage's `additional_macro_topics`. @default []
   */
  readonly additional_macro_topics?: ReadonlyArray<string>;
  /**
   * Topics of your own that skip subtopic generation: the macro-topics stage's
   * `additional_subtopics`, emitted once and passed through the subtopics stage. @default []
   */
  readonly additional_subtopics?: ReadonlyArray<string>;
  /**
   * Also ask questions about each macro topic itself, not only its subtopics: the subtopics
   * stage's `include_macro_topic`. @default true
   */
  readonly combine_topics?: boolean;
}

/** The macro-topics stage's options for the additional topics that are set. */
export function additionalTopicsOf(options: TopicTreeOptions): { additional_macro_topics?: string[]; additional_subtopics?: string[] } {
  return {
    ...(options.additional_macro_topics === undefined ? {} : { additional_macro_topics: [...options.additional_macro_topics] }),
    ...(options.additional_subtopics === undefined ? {} : { additional_subtopics: [...options.additional_subtopics] }),
  };
}

/** The subtopics stage's `include_macro_topic`, when `combine_topics` is set. */
export function combineTopicsOf(options: TopicTreeOptions): { include_macro_topic?: boolean } {
  return options.combine_topics === undefined ? {} : { include_macro_topic: options.combine_topics };
}
