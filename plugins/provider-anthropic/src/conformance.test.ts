import { anthropicMessagesWire, describeLanguageModelConformance } from '@synthkit/test-server/conformance';
import { createAnthropic } from './create-anthropic';

// The model passes the conformance suite streaming (the default) and not. The Messages API has no
// seed, so seed must come back as a warning; it has top_k.
for (const stream of [true, false]) {
  describeLanguageModelConformance({
    name: `@synthkit/provider-anthropic, ${stream ? 'streaming' : 'not streaming'}`,
    wire: anthropicMessagesWire,
    createModel: ({ baseURL, apiKey }) => createAnthropic({ baseURL, apiKey, stream }).languageModel('conformance-model'),
    features: ['topK', 'activity', 'rateLimitHeaders', 'structuredOutput'],
  });
}
