import { APICallError } from '@synthkit/core';
import { credentialSecrets, toAPICallError } from '@synthkit/provider-utils';
import OpenAI from 'openai';
import type { OpenAIModelConfig } from '../openai-model-config';

/**
 * What a failed call to `url` throws: the abort error as it is when `signal` aborted the call, an
 * `APICallError` as it is (a model's own check of the answer), and anything the SDK threw
 * converted by `toAPICallError`, with the API key, base-URL credentials and configured header
 * values redacted.
 */
export function toOpenAICallError(
  error: unknown,
  { config, url, signal }: { readonly config: OpenAIModelConfig; readonly url: string; readonly signal: AbortSignal | undefined },
): unknown {
  if (signal?.aborted) return error;
  if (APICallError.isInstance(error)) return error;
  const { client, errorBodyOf = () => undefined, secrets = [], keySource } = config;
  return toAPICallError(
    error,
    {
      provider: 'OpenAI',
      url,
      timeoutMs: client.timeout,
      secrets: [...credentialSecrets(client.apiKey, client.baseURL), ...secrets],
      bodyOf: errorBodyOf,
      ...(keySource == null ? {} : { keySource }),
    },
    OpenAI,
  );
}
