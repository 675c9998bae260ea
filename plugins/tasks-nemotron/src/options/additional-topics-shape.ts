import { topicListSchema } from './topic-list-schema';

/**
 * The options of the macro-topics tasks (`macro-topics`, `math-macro-topics`,
 * `python-macro-topics`) that add topics of your own, NeMo's `additional_macro_topics` and
 * `additional_subtopics`. Spread into each task's option shape.
 *
 * Both live on the macro-topics task because it runs once per pipeline (it is the source), so
 * each topic is emitted exactly once. NeMo appended `additional_subtopics` once to the whole topic
 * list; a subtopics stage runs once per macro topic and would repeat them.
 */
export const additionalTopicsShape = {
  /**
   * Macro topics of your own, emitted after the generated ones (no model sees them here). The
   * subtopics stage then expands them like the generated ones. @default []
   */
  additional_macro_topics: topicListSchema('additional_macro_topics')
    .default([])
    .describe('Macro topics of your own, emitted after the generated ones; the subtopics stage expands them like the others.'),
  /**
   * Topics of your own that skip subtopic generation: each is emitted as `{ macro_topic: t, topic: t }`
   * (it stands as its own macro topic), and a subtopics stage passes a record that already has a
   * `topic` through unchanged, with no model call. @default []
   */
  additional_subtopics: topicListSchema('additional_subtopics')
    .default([])
    .describe('Topics of your own that skip subtopic generation: emitted once as { macro_topic, topic } records, which the subtopics stage passes through.'),
};
