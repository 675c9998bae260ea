import { APICallError } from '@synthkit/core';
import { credentialSecrets, toAPICallError } from '@synthkit/provider-utils';
import type { AnthropicMessagesLanguageModelConfig } from '../anthropic-messages-language-model';

/** What {@link toAnthropicCallError} reads of a model's config: the client and how to describe its errors. */
export type AnthropicCallErrorConfig = Pick<AnthropicMessagesLanguageModelConfig, 'client' | 'errorBodyOf' | 'secrets' | 'keySource'>;

/**
 * What a failed call to `url` throws: the abort error as it is when `signal` aborted the call, an
 * `APICallError` as it is (the model's own check of the answer), and anything the SDK threw
 * converted by `toAPICallError`, with the API key, base-URL credentials and configured header
 * values redacted. Asynchronous because the SDK (and its error classes) is imported on first use.
 */
export async function toAnthropicCallError(
  error: unknown,
  { config, url, signal }: { readonly config: AnthropicCallErrorConfig; readonly url: string; readonly signal: AbortSignal | undefined },
): Promise<unknown> {
  if (signal?.aborted) return error;
  if (APICallError.isInstance(error)) return error;
  // Loaded already (the call that failed went through it): this only reads the module cache.
  const { default: sdk } = await import('@anthropic-ai/sdk');
  const { client, errorBodyOf = () => undefined, secrets = [], keySource } = config;
  return toAPICallError(
    error,
    {
      provider: 'Anthropic',
      url,
      timeoutMs: client.timeout,
      secrets: [...credentialSecrets(client.apiKey, client.baseURL), ...secrets],
      bodyOf: errorBodyOf,
      ...(keySource == null ? {} : { keySource }),
    },
    sdk,
  );
}
