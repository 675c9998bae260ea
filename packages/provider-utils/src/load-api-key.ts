/** An API key and where it came from, for error messages that say what to fix. */
export interface LoadedApiKey {
  /** The key, or undefined when neither the setting nor the variable has one. */
  readonly apiKey: string | undefined;
  /** E.g. `the apiKey setting (providers.anthropic.apiKey)` or `the ANTHROPIC_API_KEY environment variable`. */
  readonly source: string;
}

/**
 * Finds a provider's API key: the setting when given, else the environment variable (read now,
 * trimmed; an empty value counts as unset). `source` names where it came from, so that a 401 can
 * say which key to fix.
 *
 * ```ts
 * const { apiKey, source } = loadApiKey({ setting: settings.apiKey, settingPath: 'providers.anthropic.apiKey', variable: 'ANTHROPIC_API_KEY' });
 * ```
 */
export function loadApiKey({
  setting,
  settingPath,
  variable,
}: {
  /** The key given in the provider's settings, if any. */
  readonly setting: string | undefined;
  /** Where that setting lives in a recipe, for messages. */
  readonly settingPath: string;
  /** The environment variable to read when the setting is not given. */
  readonly variable: string;
}): LoadedApiKey {
  if (setting !== undefined) return { apiKey: setting, source: `the apiKey setting (${settingPath})` };
  const value = readEnvironmentVariable(variable);
  return value === undefined
    ? { apiKey: undefined, source: `nowhere: no key is set (set ${variable})` }
    : { apiKey: value, source: `the ${variable} environment variable` };
}

/** An environment variable's value, trimmed; undefined when it is unset or blank. */
export function readEnvironmentVariable(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}
