/**
 * The texts to redact from a provider's errors besides configured header values: its API key, and
 * any user name or password written in its base URL (as written and decoded).
 */
export function credentialSecrets(apiKey: string | null | undefined, baseURL: string): string[] {
  const secrets = apiKey == null || apiKey === '' ? [] : [apiKey];
  try {
    const { username, password } = new URL(baseURL);
    for (const part of [username, password]) {
      if (part !== '') secrets.push(part, decodeURIComponent(part));
    }
  } catch {
    // Not a parseable URL: the SDK will fail on it, and there is nothing in it to redact.
  }
  return secrets;
}
