import { describeLanguageModelConformance } from '@synthkit/test-server/conformance';
import { createOpenAI } from './create-openai';

// The chat model passes the conformance suite streaming (the default) and not. OpenAI's API has
// no top-k, so topK must come back as a warning.
describeLanguageModelConformance({
  name: '@synthkit/provider-openai chat, streaming',
  createModel: ({ baseURL, apiKey }) => createOpenAI({ baseURL, apiKey }).languageModel('conformance-model'),
  features: ['seed', 'activity', 'rateLimitHeaders', 'structuredOutput'],
});

describeLanguageModelConformance({
  name: '@synthkit/provider-openai chat, not streaming',
  createModel: ({ baseURL, apiKey }) => createOpenAI({ baseURL, apiKey, stream: false }).languageModel('conformance-model'),
  features: ['seed', 'activity', 'rateLimitHeaders', 'structuredOutput'],
});
