import type { ChatMessage, JsonValue, PromptTemplateV1 } from '@synthkit/core';
import { parsePromptTemplate } from './parse-prompt-template';
import { renderParsedTemplate } from './render-parsed-template';

/**
 * Renders a prompt template into chat messages: a system message, only when the template has a
 * non-empty `system` text, followed by the user message.
 *
 * The system message is decided by the template text, not by the rendered result: a system text
 * that renders to an empty string (e.g. `{persona}` with `persona: ''`) is still sent, so the shape
 * of a request never depends on the data.
 *
 * Values are substituted as described in `renderParsedTemplate` (strings as they are, `null` as
 * empty, arrays and objects as JSON). Parsing is cached per template object.
 *
 * @param variables Values by placeholder name. Extra variables are ignored.
 * @throws TemplateError when the template is malformed or a placeholder has no value.
 */
export function renderPromptTemplate(
  template: PromptTemplateV1,
  variables: Readonly<Record<string, JsonValue>>,
): ChatMessage[] {
  const parsed = parsePromptTemplate(template);
  const messages: ChatMessage[] = [];
  if (parsed.system != null) {
    messages.push({
      role: 'system',
      content: renderParsedTemplate(parsed.system, variables, template.name, { field: 'system' }),
    });
  }
  messages.push({
    role: 'user',
    content: renderParsedTemplate(parsed.user, variables, template.name, { field: 'user' }),
  });
  return messages;
}
