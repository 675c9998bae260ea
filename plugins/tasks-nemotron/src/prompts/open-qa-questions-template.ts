import type { PromptTemplateV1 } from '@synthkit/core';

/**
 * Asks for `{n_openlines}` varied questions or requests about `{topic}` that a user might send an
 * assistant (the "openlines" of open QA). The answer is a bare numbered list, one item per line,
 * so the converter can copy it.
 */
export const openQAQuestionsTemplate: PromptTemplateV1 = {
  specificationVersion: 'v1',
  name: 'open-qa-questions',
  description: 'Asks for n_openlines varied questions or requests about topic, as a numbered list.',
  user: [
    'Topic: {topic}',
    '',
    'Write {n_openlines} different things a person might ask an AI assistant about this topic. Vary the kind of request: factual questions, requests for an explanation or for advice, comparisons, and open-ended asks. Each one must make sense on its own, to a reader who has not seen the topic line above.',
    '',
    'Reply with exactly {n_openlines} questions or requests as a numbered list, one per line, in the form "1. Question". Keep each on a single line. Write nothing else: no heading, no introduction, no answers, no closing remarks.',
  ].join('\n'),
  variables: ['topic', 'n_openlines'],
};
