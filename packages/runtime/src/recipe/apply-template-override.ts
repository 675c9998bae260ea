import type { PromptTemplateV1 } from '@synthkit/core';

/**
 * Replacement texts for one of a task's templates, as a recipe stage writes them under
 * `templates.<name>`. An absent text keeps the task's own; an empty string replaces it (an empty
 * `system` text drops the system message).
 */
export interface TemplateOverride {
  readonly system?: string | undefined;
  readonly user?: string | undefined;
}

/**
 * The task's template with a recipe's replacement texts applied. Name, description and declared
 * variables stay the task's, so the placeholders a recipe may use are the same as before.
 */
export function applyTemplateOverride(base: PromptTemplateV1, override: TemplateOverride): PromptTemplateV1 {
  return {
    ...base,
    ...(override.system === undefined ? {} : { system: override.system }),
    ...(override.user === undefined ? {} : { user: override.user }),
  };
}
