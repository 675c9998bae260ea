import type { PromptTemplateV1 } from '@synthkit/core';

/**
 * Asks for `{n_subtopics}` distinct subtopics of `{macro_topic}`, narrow enough to write questions
 * about. The answer is a bare numbered list so the converter can copy it.
 */
export const subtopicsTemplate: PromptTemplateV1 = {
  specificationVersion: 'v1',
  name: 'subtopics',
  description: 'Asks for n_subtopics distinct subtopics of macro_topic, as a numbered list.',
  user: [
    'Broad topic: {macro_topic}',
    '',
    'Break this topic down into {n_subtopics} narrower subtopics. Each should be specific enough that someone could ask several concrete questions about it, and together they should cover different sides of the broad topic rather than variations of one idea.',
    '',
    'Reply with exactly {n_subtopics} subtopics as a numbered list, one subtopic per line, in the form "1. Subtopic". Write nothing else: no heading, no introduction, no closing remarks.',
  ].join('\n'),
  variables: ['macro_topic', 'n_subtopics'],
};
