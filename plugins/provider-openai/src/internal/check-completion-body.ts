import { APICallError } from '@synthkit/core';

/**
 * The body of a 200 as a completion (anything with a `choices` list), or a retryable error when it
 * is not one: the SDK hands back the text of a non-JSON body (a gateway's HTML page) and any JSON
 * object as it is. `what` names what was expected in the message: `chat completion`, `completion`.
 */
export function checkCompletionBody<Completion>(
  data: unknown,
  { url, status, what }: { readonly url: string; readonly status: number; readonly what: string },
): Completion {
  if (data != null && typeof data === 'object' && Array.isArray((data as { choices?: unknown }).choices)) {
    return data as Completion;
  }
  const text = typeof data === 'string' ? data : JSON.stringify(data) ?? String(data);
  throw new APICallError({
    message: `OpenAI API call to ${url} answered HTTP ${status} with a body that is not a ${what} (${typeof data === 'string' ? 'not JSON' : 'no "choices" list'}): ${text.slice(0, 200)}`,
    url,
    statusCode: status,
    responseBody: text.slice(0, 4096),
    isRetryable: true,
  });
}
