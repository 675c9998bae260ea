/**
 * Replaces every secret in `text`, as written and as escaped inside a JSON string (response bodies
 * are JSON), by `[redacted]`; longest first, so a secret inside another leaves no tail behind.
 * Empty secrets are ignored.
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string>): string {
  const forms = new Set(secrets.flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]));
  let redacted = text;
  for (const secret of [...forms].sort((first, second) => second.length - first.length)) {
    if (secret !== '') redacted = redacted.replaceAll(secret, '[redacted]');
  }
  return redacted;
}
