import { z } from 'zod';

/**
 * The option of the subtopics tasks (`subtopics`, `math-subtopics`, `python-subtopics`) that
 * emits the macro topic itself as a topic too: NeMo's `combine_topics`. Spread into each task's
 * option shape.
 */
export const includeMacroTopicShape = {
  /**
   * Also emit the macro topic itself as a topic, after its subtopics, so later stages ask about the
   * broad topic too. NeMo's `combine_topics`. @default true
   */
  include_macro_topic: z
    .boolean()
    .default(true)
    .describe('Also emit the macro topic itself as a topic, after its subtopics, so later stages ask about the broad topic too.'),
};
