import type { TaskTemplateDefinition } from '@synthkit/core';

/**
 * The template every task of this plugin shares, keyed by its name, for `defineTask`'s `templates`:
 * spread it there (`templates: { subtopics: { ... }, ...conversionTemplates }`), as the tasks
 * spread `conversionOptionsShape` into their options. `convertToYamlList` renders it.
 *
 * `yaml-conversion` asks the converter to copy the list items out of `{llm_response}` (a
 * generator's answer) into a bare YAML list of double-quoted strings. Items must be copied
 * verbatim: `convertToYamlList` rejects any item that does not occur in the answer (the
 * hallucination check). Double quotes keep items containing `: ` or `#` from turning into maps or
 * comments.
 */
export const conversionTemplates = {
  'yaml-conversion': {
    description: 'Asks the converter to copy the items of llm_response, word for word, into a bare YAML list of strings.',
    user: [
      'The text between the two marker lines below was written by another assistant and contains a list.',
      '',
      '--- START OF TEXT ---',
      '{llm_response}',
      '--- END OF TEXT ---',
      '',
      'Copy the items of that list into a YAML list of strings. Follow these rules:',
      '- Copy the text of each item exactly as written, character for character. Do not reword, correct, shorten, translate or add anything.',
      '- Leave out the numbers or bullet marks in front of the items, and anything that is not a list item, such as a heading, an introduction or a closing remark.',
      '- Put each item on its own line, starting with "- " and wrapped in double quotes. If an item contains a double quote, write it as \\".',
      '- Reply with the YAML list and nothing else: no code fences, no explanation.',
      '',
      'For a text listing two items, the reply would look like this:',
      '- "First item, copied exactly"',
      '- "Second item, copied exactly"',
    ].join('\n'),
    variables: ['llm_response'],
  },
} as const satisfies Readonly<Record<string, TaskTemplateDefinition>>;
