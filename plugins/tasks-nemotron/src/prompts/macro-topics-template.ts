import type { PromptTemplateV1 } from '@synthkit/core';

/**
 * Asks for `{n_macro_topics}` broad, varied topics covering everyday life, the world and science:
 * the roots of the open QA tree. The answer is a bare numbered list so the converter can copy it.
 */
export const macroTopicsTemplate: PromptTemplateV1 = {
  specificationVersion: 'v1',
  name: 'macro-topics',
  description: 'Asks for n_macro_topics broad topics about everyday life, the world and science, as a numbered list.',
  user: [
    'I am collecting broad subject areas that people ask an AI assistant about. Name {n_macro_topics} of them, spread across everyday life, the world around us, and science and technology.',
    '',
    'Keep each one short (a few words) and broad enough to hold many narrower subjects. Make them as different from one another as you can: no two should overlap much.',
    '',
    'Reply with exactly {n_macro_topics} topics as a numbered list, one topic per line, in the form "1. Topic". Write nothing else: no heading, no introduction, no closing remarks.',
  ].join('\n'),
  variables: ['n_macro_topics'],
};
