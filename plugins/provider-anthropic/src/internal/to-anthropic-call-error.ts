import { toSdkCallError } from '@synthkit/provider-utils';
import type { AnthropicMessagesLanguageModelConfig } from '../anthropic-messages-language-model';

/** What {@link toAnthropicCallError} reads of a model's config: the client and how to describe its errors. */
export type AnthropicCallErrorConfig = Pick<AnthropicMessagesLanguageModelConfig, 'client' | 'errorBodyOf' | 'secrets' | 'keySource'>;

/**
 * What a failed call to `url` throws (see `toSdkCallError` of `@synthkit/provider-utils`): the abort
 * as it is, the model's own `APICallError` as it is, anything the SDK threw converted, secrets redacted.
 */
export async function toAnthropicCallError(
  error: unknown,
  { config, url, signal }: { readonly config: AnthropicCallErrorConfig; readonly url: string; readonly signal: AbortSignal | undefined },
): Promise<unknown> {
  return toSdkCallError(error, {
    ...config,
    provider: 'Anthropic',
    url,
    signal,
    // Loaded already (the call that failed went through it): this only reads the module cache.
    sdk: async () => (await import('@anthropic-ai/sdk')).default,
  });
}
