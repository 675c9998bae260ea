import { toSdkCallError } from '@synthkit/provider-utils';
import type { OpenAIModelConfig } from '../openai-model-config';

/**
 * What a failed call to `url` throws (see `toSdkCallError` of `@synthkit/provider-utils`): the abort
 * as it is, a model's own `APICallError` as it is, anything the SDK threw converted, secrets redacted.
 */
export async function toOpenAICallError(
  error: unknown,
  { config, url, signal }: { readonly config: OpenAIModelConfig; readonly url: string; readonly signal: AbortSignal | undefined },
): Promise<unknown> {
  return toSdkCallError(error, {
    ...config,
    provider: 'OpenAI',
    url,
    signal,
    // Loaded already (the call that failed went through it): this only reads the module cache.
    sdk: async () => (await import('openai')).default,
  });
}
