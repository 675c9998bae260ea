import { z } from 'zod';

/**
 * The records the topic tasks write and read, shared by the open QA, math and Python pipelines:
 * the macro-topics tasks write `{ macro_topic }` (and `{ macro_topic, topic }` for an additional
 * subtopic); the subtopics tasks read `macro_topic` and write `{ topic }`.
 */
export const macroTopicsOutputSchema = z.object({ macro_topic: z.string().min(1), topic: z.string().min(1).optional() }).strict();

/** What a subtopics task reads: the macro topic, and a `topic` when the record already is one. */
export const subtopicsInputSchema = z.object({ macro_topic: z.string().min(1), topic: z.string().min(1).optional() });

/** What a subtopics task writes: one record per topic. */
export const subtopicsOutputSchema = z.object({ topic: z.string().min(1) }).strict();

/**
 * The records of a macro-topics task: the generated topics, then `additional_macro_topics`, each
 * as `{ macro_topic }`; then `additional_subtopics`, each as `{ macro_topic: t, topic: t }`, which
 * a subtopics stage passes through.
 */
export function macroTopicRecords(
  generated: ReadonlyArray<string>,
  options: { readonly additional_macro_topics: ReadonlyArray<string>; readonly additional_subtopics: ReadonlyArray<string> },
): Array<z.input<typeof macroTopicsOutputSchema>> {
  return [
    ...[...generated, ...options.additional_macro_topics].map((macro_topic) => ({ macro_topic })),
    ...options.additional_subtopics.map((topic) => ({ macro_topic: topic, topic })),
  ];
}

/**
 * The records of a subtopics task for one macro topic: its subtopics, then the macro topic itself
 * when `include_macro_topic` is on.
 */
export function subtopicRecords(subtopics: ReadonlyArray<string>, macroTopic: string, includeMacroTopic: boolean): Array<{ topic: string }> {
  return (includeMacroTopic ? [...subtopics, macroTopic] : subtopics).map((topic) => ({ topic }));
}
