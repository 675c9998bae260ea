import type { PromptTemplateV1 } from '@synthkit/core';
import { parsePromptTemplate } from './parse-prompt-template';

/**
 * Finds the placeholders of a prompt template that nothing supplies, so a recipe that overrides a
 * template with `{foo}` when nothing provides `foo` is rejected when it is loaded, not halfway
 * through a run.
 *
 * Typical `supplied`: the owning task's `template.variables` plus the variables the recipe stage sets.
 * Supplying more than the template uses is fine.
 *
 * @param supplied Names of the variables that will be available when the template is rendered.
 * @returns The unsupplied placeholder names, once each, in order of first use (system text first);
 *   empty when everything is supplied.
 * @throws TemplateError when the template is malformed, which is also a load-time error.
 */
export function checkTemplateVariables(template: PromptTemplateV1, supplied: Iterable<string>): string[] {
  const available = new Set(supplied);
  return parsePromptTemplate(template).placeholders.filter((name) => !available.has(name));
}
