import type Anthropic from '@anthropic-ai/sdk';
import { APICallError } from '@synthkit/core';

/**
 * The body of a 200 as a message, or a retryable error when it is not one: the SDK hands back the
 * text of a non-JSON body (a gateway's HTML page) and any JSON as it is, and a batch result holds
 * whatever the results file said.
 *
 * @throws APICallError (retryable, with `status`) when `data` has no `content` list.
 */
export function checkMessage(data: unknown, url: string, status: number): Anthropic.Messages.Message {
  if (data != null && typeof data === 'object' && Array.isArray((data as { content?: unknown }).content)) {
    return data as Anthropic.Messages.Message;
  }
  const text = typeof data === 'string' ? data : (JSON.stringify(data) ?? String(data));
  throw new APICallError({
    message:
      `Anthropic API call to ${url} answered HTTP ${status} with a body that is not a message ` +
      `(${typeof data === 'string' ? 'not JSON' : 'no "content" list'}): ${text.slice(0, 200)}`,
    url,
    statusCode: status,
    responseBody: text.slice(0, 4096),
    isRetryable: true,
  });
}
