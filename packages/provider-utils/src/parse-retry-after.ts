/**
 * Seconds the server asks clients to wait before retrying: `retry-after-ms` (milliseconds, which
 * OpenAI sends and which wins, as in the openai SDK), else `retry-after` as seconds or as an HTTP
 * date (a date in the past gives 0). Undefined when neither header is usable.
 */
export function parseRetryAfterSeconds(headers: Headers | undefined): number | undefined {
  const milliseconds = parseNumber(headers?.get('retry-after-ms'));
  if (milliseconds !== undefined) return milliseconds / 1000;
  const retryAfter = headers?.get('retry-after');
  if (retryAfter == null) return undefined;
  const seconds = parseNumber(retryAfter);
  if (seconds !== undefined) return seconds;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

// --- Internal helpers ---

function parseNumber(text: string | null | undefined): number | undefined {
  if (text == null || !/^\s*\d+(?:\.\d+)?\s*$/.test(text)) return undefined;
  return Number(text);
}
