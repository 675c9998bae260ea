import type { PromptTemplateV1 } from '@synthkit/core';

/**
 * Asks for `{n_revisions}` harder rewrites of the question `{openline}`: each adds context, a
 * constraint on the answer's format or length, or a request for depth. The answer is a bare
 * numbered list, one revision per line, so the converter can copy it.
 */
export const openQARevisionsTemplate: PromptTemplateV1 = {
  specificationVersion: 'v1',
  name: 'open-qa-revisions',
  description: 'Asks for n_revisions richer rewrites of openline (added context, format constraints or depth), as a numbered list.',
  user: [
    'Here is a request someone sent to an AI assistant:',
    '',
    '{openline}',
    '',
    'Rewrite it in {n_revisions} different ways, each more demanding than the original. In each rewrite, do one or more of: add background or context about the person asking, set a constraint on the answer (its format, length or style), or ask for more depth or detail. Each rewrite should be two to four sentences long and must still be a complete request that can be answered on its own.',
    '',
    'Reply with exactly {n_revisions} rewrites as a numbered list, one rewrite per line, in the form "1. Rewrite". Do not break a rewrite across lines. Write nothing else: no heading, no introduction, no closing remarks.',
  ].join('\n'),
  variables: ['openline', 'n_revisions'],
};
