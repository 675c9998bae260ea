/**
 * Response headers safe to keep in an error or a log: lower-case names, without cookies or anything
 * that authenticates. Undefined when there are no headers.
 */
export function safeResponseHeaders(headers: Headers | undefined): Record<string, string> | undefined {
  if (headers == null) return undefined;
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!unsafeHeaders.has(name.toLowerCase())) kept[name.toLowerCase()] = value;
  });
  return kept;
}

// --- Internal helpers ---

const unsafeHeaders = new Set(['set-cookie', 'authorization', 'proxy-authorization', 'www-authenticate', 'cookie', 'x-api-key']);
