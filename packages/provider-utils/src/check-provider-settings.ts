import { InvalidArgumentError } from '@synthkit/core';
import { z } from 'zod';

/**
 * Checks a provider's settings: every setting but `fetch` against the provider's zod schema (the
 * one a recipe's `providers.<name>` block is parsed with), and `fetch`, which only code can set,
 * for being a function. Only the first problem is reported, named by its setting.
 *
 * ```ts
 * checkProviderSettings('Anthropic', anthropicProviderSettingsSchema, settings);
 * ```
 *
 * @param provider The provider's name for messages: `OpenAI`, `Anthropic`.
 * @throws InvalidArgumentError (`argument` the setting's path, or `settings` for an unknown key)
 * whose message starts with `Invalid <provider> provider setting:`.
 */
export function checkProviderSettings(
  provider: string,
  schema: z.ZodType,
  settings: object,
): void {
  const { fetch: customFetch, ...serializable } = settings as { readonly fetch?: unknown };
  const result = schema.safeParse(serializable);
  if (!result.success) {
    const issue = result.error.issues[0];
    const argument = issue?.path.map(String).join('.') || 'settings';
    const message =
      issue?.code === 'unrecognized_keys' ? issue.message : `${argument} ${issue?.message ?? 'is invalid'}`;
    throw new InvalidArgumentError({ argument, message: `Invalid ${provider} provider setting: ${message}.` });
  }
  if (customFetch !== undefined && typeof customFetch !== 'function') {
    throw new InvalidArgumentError({
      argument: 'fetch',
      message: `Invalid ${provider} provider setting: fetch must be a function.`,
    });
  }
}
