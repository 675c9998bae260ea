import { isObject } from './start-loopback-server';

/** A `POST /v1/messages` body, checked and reduced to what the test server needs. */
export interface DecodedMessagesRequest {
  readonly model: string;
  /**
   * The conversation as rules see it: the `system` prompt (when set) as a first `system` message,
   * then the messages, each with its content flattened to text (text blocks joined by newlines).
   */
  readonly messages: ReadonlyArray<{ readonly role: string; readonly content: string }>;
  /** The last user message. */
  readonly prompt: string;
  /** Every text that counts as input tokens: the system prompt and every message's content. */
  readonly promptTexts: ReadonlyArray<string>;
  /** `max_tokens`, in words. */
  readonly maxTokens: number;
  readonly stream: boolean;
  /** `stop_sequences`; empty when unset. */
  readonly stopSequences: ReadonlyArray<string>;
  /**
   * The tool the model must call: the `name` of `tool_choice: { type: 'tool', name }`, or the first
   * tool for `tool_choice: { type: 'any' }`; undefined when the answer is text.
   */
  readonly forcedTool: string | undefined;
}

/** Either the decoded request, or why it is invalid (sent back as a 400 `invalid_request_error`). */
export type DecodeMessagesResult = { readonly decoded: DecodedMessagesRequest } | { readonly problem: string };

/**
 * Checks a parsed JSON body the way the Messages API does, for the fields the server uses, with
 * messages worded like the API's (`max_tokens: Field required`).
 */
export function decodeMessagesRequest(body: Record<string, unknown>): DecodeMessagesResult {
  const { model, max_tokens: maxTokens, messages: rawMessages, system, stop_sequences: stopSequences } = body;
  if (typeof model !== 'string' || model === '') return { problem: 'model: Field required' };
  if (maxTokens === undefined) return { problem: 'max_tokens: Field required' };
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens)) {
    return { problem: `max_tokens: Input should be a valid integer, got ${JSON.stringify(maxTokens)}` };
  }
  if (maxTokens < 1) return { problem: 'max_tokens: Input should be greater than or equal to 1' };
  const temperature = body['temperature'];
  if (temperature !== undefined && !(typeof temperature === 'number' && temperature >= 0 && temperature <= 1)) {
    return { problem: `temperature: Input should be a number from 0 to 1, got ${JSON.stringify(temperature)}` };
  }
  if (!Array.isArray(rawMessages)) return { problem: 'messages: Field required' };
  if (rawMessages.length === 0) return { problem: 'messages: at least one message is required' };
  if (system !== undefined && typeof system !== 'string' && !Array.isArray(system)) {
    return { problem: 'system: Input should be a string or a list of text blocks' };
  }
  if (stopSequences !== undefined && !isStringList(stopSequences)) {
    return { problem: 'stop_sequences: Input should be a list of strings' };
  }

  const messages: { role: string; content: string }[] = [];
  const systemText = system === undefined ? '' : contentText(system);
  if (systemText !== '') messages.push({ role: 'system', content: systemText });
  for (const [index, message] of rawMessages.entries()) {
    const role = isObject(message) ? message['role'] : undefined;
    if (role !== 'user' && role !== 'assistant' && role !== 'system') {
      return { problem: `messages.${index}.role: Input should be 'user', 'assistant' or 'system'` };
    }
    const content = (message as Record<string, unknown>)['content'];
    if (typeof content !== 'string' && !Array.isArray(content)) {
      return { problem: `messages.${index}.content: Input should be a string or a list of content blocks` };
    }
    messages.push({ role, content: contentText(content) });
  }

  const forcedTool = forcedToolOf(body['tools'], body['tool_choice']);
  if (typeof forcedTool === 'object') return forcedTool;
  return {
    decoded: {
      model,
      messages,
      prompt: messages.findLast((message) => message.role === 'user')?.content ?? '',
      promptTexts: messages.map((message) => message.content),
      maxTokens,
      stream: body['stream'] === true,
      stopSequences: stopSequences ?? [],
      forcedTool,
    },
  };
}

// --- Internal helpers ---

/** The tool `tool_choice` forces, undefined when none, or the problem with `tools` or `tool_choice`. */
function forcedToolOf(tools: unknown, toolChoice: unknown): string | undefined | { readonly problem: string } {
  const named = (tool: unknown) => isObject(tool) && typeof tool['name'] === 'string';
  if (tools !== undefined && !(Array.isArray(tools) && tools.every(named))) {
    return { problem: 'tools: Input should be a list of tools, each with a name' };
  }
  if (toolChoice === undefined) return undefined;
  if (!isObject(toolChoice) || typeof toolChoice['type'] !== 'string') {
    return { problem: "tool_choice: Input should be an object with a 'type'" };
  }
  const names = ((tools ?? []) as Array<{ name: string }>).map((tool) => tool.name);
  switch (toolChoice['type']) {
    case 'auto':
    case 'none':
      return undefined;
    case 'any':
      return names[0] ?? { problem: "tool_choice: 'any' needs at least one tool in 'tools'" };
    case 'tool': {
      const name = toolChoice['name'];
      if (typeof name === 'string' && names.includes(name)) return name;
      return { problem: `tool_choice.name: Tool '${String(name)}' not found in 'tools'` };
    }
    default:
      return {
        problem: `tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none', got ${JSON.stringify(toolChoice['type'])}`,
      };
  }
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Content as text: a string as is, the `text` of text blocks joined by newlines, anything else empty. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block: unknown) => (isObject(block) && typeof block['text'] === 'string' ? block['text'] : ''))
    .filter((text) => text !== '')
    .join('\n');
}
