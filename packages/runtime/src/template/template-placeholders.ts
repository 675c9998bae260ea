import type { PromptTemplateV1 } from '@synthkit/core';
import { parsePromptTemplate } from './parse-prompt-template';

/**
 * Every placeholder a prompt template uses, once each: those of the system text first, then those
 * of the user text, in order of first use.
 *
 * @returns A new array the caller may change.
 * @throws TemplateError when the template is malformed.
 */
export function templatePlaceholders(template: PromptTemplateV1): string[] {
  return [...parsePromptTemplate(template).placeholders];
}
