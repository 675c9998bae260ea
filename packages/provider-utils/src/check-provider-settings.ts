import { InvalidArgumentError } from '@synthkit/core';
import { issueSentence, zodIssues } from '@synthkit/validation-messages';
import type { z } from 'zod';

/**
 * Checks a provider's settings: every setting but the function ones against the provider's zod
 * schema (the one a recipe's `providers.<name>` block is parsed with), and the function ones, which
 * only code can set, for being functions. Only the first problem is reported, named by its setting,
 * in the words `synthkit validate` uses for a recipe (`maxRetries must be a whole number, got the
 * text "x"`; an unknown key lists the valid ones).
 *
 * ```ts
 * checkProviderSettings('Anthropic', anthropicProviderSettingsSchema, settings);
 * ```
 *
 * @param provider The provider's name for messages: `OpenAI`, `Anthropic`.
 * @param options.functions The settings that must be functions and that the schema does not see.
 * Default: `['fetch']`.
 * @throws InvalidArgumentError (`argument` the setting's path, or `settings` for an unknown key)
 * whose message starts with `Invalid <provider> provider setting:`.
 */
export function checkProviderSettings(
  provider: string,
  schema: z.ZodType,
  settings: object,
  { functions = ['fetch'] }: { readonly functions?: ReadonlyArray<string> } = {},
): void {
  const serializable: Record<string, unknown> = { ...settings };
  for (const name of functions) delete serializable[name];
  const result = schema.safeParse(serializable);
  if (!result.success) {
    const issue = zodIssues(result.error, [], schema, serializable)[0] ?? { path: '', message: 'settings are invalid' };
    throw new InvalidArgumentError({ argument: issue.path || 'settings', message: `Invalid ${provider} provider setting: ${issueSentence(issue)}` });
  }
  for (const name of functions) {
    const value = (settings as Record<string, unknown>)[name];
    if (value !== undefined && typeof value !== 'function') {
      throw new InvalidArgumentError({
        argument: name,
        message: `Invalid ${provider} provider setting: ${name} must be a function.`,
      });
    }
  }
}
