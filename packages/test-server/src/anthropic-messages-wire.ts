import type { ChatMessage, GenerationParams } from '@synthkit/core';
import type { ConformanceWire } from './conformance-wire';
import { createAnthropicTestServer } from './create-anthropic-test-server';

/**
 * Anthropic's Messages API (`POST /v1/messages`), on `createAnthropicTestServer`, for the
 * conformance suite: the `system` prompt reads back as a first system message, `stop_sequences`
 * as `stop`, and the schema of the forced tool as the requested schema.
 */
export const anthropicMessagesWire: ConformanceWire = {
  name: 'Anthropic Messages API',
  async startServer({ rules, latencyMs, headers }) {
    return createAnthropicTestServer({
      rules,
      ...(latencyMs == null ? {} : { latencyMs }),
      ...(headers == null ? {} : { headers }),
    });
  },
  paramsOf(request) {
    const body = bodyOf(request.body);
    const params: Record<string, unknown> = {};
    for (const [name, field] of wireNames) if (body[field] !== undefined) params[name] = body[field];
    return params as GenerationParams;
  },
  messagesOf(request) {
    const body = bodyOf(request.body);
    const system = body['system'];
    const messages = (body['messages'] ?? []) as Array<{ role: string; content: unknown }>;
    return [
      ...(system == null ? [] : [{ role: 'system' as const, content: textOf(system) }]),
      ...messages.map((message) => ({ role: message.role as ChatMessage['role'], content: textOf(message.content) })),
    ];
  },
  modelOf(request) {
    return bodyOf(request.body)['model'] as string | undefined;
  },
  schemaOf(request) {
    const body = bodyOf(request.body);
    const choice = body['tool_choice'] as { type?: string; name?: string } | undefined;
    const tools = (body['tools'] ?? []) as Array<{ name?: string; input_schema?: unknown }>;
    return choice?.type === 'tool' ? tools.find((tool) => tool.name === choice.name)?.input_schema : undefined;
  },
  rateLimitHeaders: {
    'anthropic-ratelimit-requests-limit': '100',
    'anthropic-ratelimit-requests-remaining': '7',
    'anthropic-ratelimit-tokens-limit': '5000',
    'anthropic-ratelimit-tokens-remaining': '4000',
  },
};

// --- Internal helpers ---

/** Generation parameters by their synthkit name and their field in a messages request. */
const wireNames: ReadonlyArray<readonly [keyof GenerationParams, string]> = [
  ['temperature', 'temperature'],
  ['topP', 'top_p'],
  ['topK', 'top_k'],
  ['maxTokens', 'max_tokens'],
  ['stop', 'stop_sequences'],
];

function bodyOf(body: unknown): Record<string, unknown> {
  return (body ?? {}) as Record<string, unknown>;
}

/** Content as text: a string as is, text blocks joined by newlines, anything else as JSON. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content) && content.every((block) => typeof (block as { text?: unknown }).text === 'string')) {
    return content.map((block) => (block as { text: string }).text).join('\n');
  }
  return JSON.stringify(content);
}
