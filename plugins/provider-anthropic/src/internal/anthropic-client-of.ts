import type Anthropic from '@anthropic-ai/sdk';
import type { LazyAnthropicClient } from '../anthropic-messages-language-model';

/** The SDK client of a config, made now when it is lazy. */
export function anthropicClientOf(client: Anthropic | LazyAnthropicClient): Promise<Anthropic> {
  return 'sdkClient' in client && typeof client.sdkClient === 'function'
    ? client.sdkClient()
    : Promise.resolve(client as Anthropic);
}
