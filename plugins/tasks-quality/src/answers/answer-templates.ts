import type { TaskTemplateDefinition } from '@synthkit/core';

/**
 * The templates a task that answers prompts declares (spread into its `templates`): `answer` sends
 * the prompt as it is, the user turn of the conversation to train on; `answer-with-system` puts the
 * stage's `system_prompt` before it. Two templates, because a template's shape never depends on
 * the data: a system text that renders empty would still be sent as an empty system message.
 * A recipe overrides either by name (to wrap the prompt in instructions, say).
 */
export const answerTemplates = {
  answer: {
    description: 'Sends the prompt as it is, as the user turn; used when no system_prompt is set.',
    user: '{prompt}',
    variables: ['prompt'],
  },
  'answer-with-system': {
    description: 'Sends system_prompt as the system turn and the prompt as the user turn; used when system_prompt is set.',
    system: '{system_prompt}',
    user: '{prompt}',
    variables: ['prompt', 'system_prompt'],
  },
} as const satisfies Record<string, TaskTemplateDefinition>;
