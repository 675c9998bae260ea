import type { ChatMessage, ConversationFormatterV1 } from '@synthkit/core';
import type { AnswerRule } from '@synthkit/test-server';
import { type ConformanceWire, describeLanguageModelConformance, openAIChatWire } from '@synthkit/test-server/conformance';
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

// The completion model, through a formatter that writes the conversation as JSON: the wire reads
// the messages back from the prompt, and the suite's rules see the last user message as the
// prompt, as they do for chat. The completions API has no response format and no top-k.
const jsonFormatter: ConversationFormatterV1 = {
  specificationVersion: 'v1',
  name: 'json',
  description: 'The conversation as JSON, for the conformance suite.',
  format: (messages) => JSON.stringify(messages),
};

/** The conversation a prompt holds: the JSON the formatter wrote, or a prompt sent as it is. */
function conversationOf(prompt: string): ChatMessage[] {
  try {
    const parsed: unknown = JSON.parse(prompt);
    if (Array.isArray(parsed)) return parsed as ChatMessage[];
  } catch {
    // Not JSON: a prompt the model sent as it is.
  }
  return [{ role: 'user', content: prompt }];
}

const openAICompletionsWire: ConformanceWire = {
  ...openAIChatWire,
  name: 'OpenAI completions, JSON-formatted conversations',
  startServer: ({ rules, ...options }) =>
    openAIChatWire.startServer({
      ...options,
      rules: rules.map((rule): AnswerRule => (request) => {
        const lastUserTurn = conversationOf(request.prompt).findLast((message) => message.role === 'user');
        return rule({ ...request, prompt: lastUserTurn?.content ?? '' });
      }),
    }),
  messagesOf: (request) => conversationOf(String((request.body as { prompt?: unknown } | undefined)?.prompt ?? '')),
};

for (const stream of [true, false]) {
  describeLanguageModelConformance({
    name: `@synthkit/provider-openai completions, ${stream ? 'streaming' : 'not streaming'}`,
    wire: openAICompletionsWire,
    createModel: ({ baseURL, apiKey }) =>
      createOpenAI({ baseURL, apiKey, stream }).completionModel('conformance-model', { formatter: jsonFormatter }),
    features: ['seed', 'activity', 'rateLimitHeaders'],
  });
}
