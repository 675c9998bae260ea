import type Anthropic from '@anthropic-ai/sdk';
import { InvalidArgumentError, type LanguageModelV1Request, type LanguageModelV1Warning } from '@synthkit/core';

/**
 * How the answer must be read: the input of the forced tool `name` (wrapped in `{ value }` when the
 * schema's root is not an object), or the text, which must parse as JSON.
 */
export type StructuredOutput =
  | { readonly kind: 'tool'; readonly name: string; readonly wrapped: boolean }
  | { readonly kind: 'json' };

/**
 * The property a wrapped schema is put in: a tool's input must be an object, so a schema whose root
 * is not an object is wrapped, and so is an object schema an answer could not be told apart from a
 * wrapped one by (see {@link structuredOutputOf}).
 */
export const wrappedValueKey = 'value';

/**
 * The Messages API body of a call: system messages joined into `system`, consecutive turns of one
 * role joined into one turn (the API alternates user and assistant), the set parameters under their
 * wire names, structured output as a forced tool (with a schema) or a system instruction (without),
 * then `params.providerOptions.anthropic` over it all.
 *
 * @throws InvalidArgumentError when there is no user or assistant message.
 */
export function toMessagesRequest(
  request: LanguageModelV1Request,
  modelId: string,
  defaults: { readonly maxTokens: number },
): {
  body: Anthropic.Messages.MessageCreateParamsNonStreaming;
  structuredOutput: StructuredOutput | undefined;
  warnings: LanguageModelV1Warning[];
} {
  const { params, responseFormat } = request;
  const warnings: LanguageModelV1Warning[] = [];
  const { system, turns } = conversationOf(request);
  let structuredOutput: StructuredOutput | undefined;
  if (responseFormat !== undefined && responseFormat.schema === undefined) {
    system.push(jsonInstruction);
    structuredOutput = { kind: 'json' };
  }
  const body: Record<string, unknown> = {
    model: modelId,
    max_tokens: params.maxTokens ?? defaults.maxTokens,
    messages: turns,
  };
  if (system.length > 0) body['system'] = system.join('\n\n');
  setIfDefined(body, 'temperature', params.temperature);
  setIfDefined(body, 'top_p', params.topP);
  setIfDefined(body, 'top_k', params.topK);
  setIfDefined(body, 'stop_sequences', params.stop === undefined ? undefined : [...params.stop]);
  if (params.seed !== undefined) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'seed',
      message:
        'The Anthropic Messages API has no seed, so seed was not sent: answers cannot be repeated by seed ' +
        '(the response cache still replays answers already received).',
    });
  }
  if (responseFormat?.schema !== undefined) {
    const name = toolNameOf(responseFormat.name ?? 'response');
    const wrapped = needsWrapping(responseFormat.schema);
    const inputSchema = wrapped
      ? { type: 'object', properties: { [wrappedValueKey]: responseFormat.schema }, required: [wrappedValueKey] }
      : responseFormat.schema;
    body['tools'] = [{ name, description: toolDescription, input_schema: inputSchema }];
    body['tool_choice'] = { type: 'tool', name };
    structuredOutput = { kind: 'tool', name, wrapped };
  }
  for (const [key, value] of Object.entries(params.providerOptions?.['anthropic'] ?? {})) {
    if (key === 'stream') {
      warnings.push({
        type: 'other',
        setting: 'providerOptions.anthropic.stream',
        message: 'providerOptions.anthropic.stream was not sent: streaming is the provider\'s "stream" setting.',
      });
      continue;
    }
    body[key] = value;
  }
  return {
    body: body as unknown as Anthropic.Messages.MessageCreateParamsNonStreaming,
    structuredOutput,
    warnings,
  };
}

/**
 * How an answer must be read when its request is not at hand, as for a Message Batch result: the
 * input of its `tool_use` block (synthkit sends no tool but the one holding a structured answer),
 * unwrapped when it is `{ value }` alone, which only the answer of a wrapped schema is (a schema is
 * sent unwrapped only when it declares its properties and none is `value`); else its text. An answer
 * asked for as JSON without a schema cannot be told from text: its text is returned as the model
 * wrote it (the engine strips a code fence and checks it parses).
 */
export function structuredOutputOf(message: Anthropic.Messages.Message): StructuredOutput | undefined {
  const call = message.content.find((block): block is Anthropic.Messages.ToolUseBlock => block.type === 'tool_use');
  if (call == null) return undefined;
  const input = call.input;
  const wrapped = isPlainObject(input) && Object.keys(input).length === 1 && Object.hasOwn(input, wrappedValueKey);
  return { kind: 'tool', name: call.name, wrapped };
}

// --- Internal helpers ---

/**
 * Whether a schema goes into the forced tool wrapped in `{ value }`: when its root is not an object
 * (a tool's input must be one), and when it is an object an answer of which could be `{ value }`
 * alone (no declared properties, or one named `value`), so that answers say by themselves whether
 * they are wrapped.
 */
function needsWrapping(schema: Readonly<Record<string, unknown>>): boolean {
  const properties = schema['properties'];
  return schema['type'] !== 'object' || !isPlainObject(properties) || Object.hasOwn(properties, wrappedValueKey);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value != null && !Array.isArray(value);
}

/** Added to the system prompt when a JSON answer without a schema is asked for. */
const jsonInstruction =
  'Answer with a single JSON object and nothing else: no text before or after it, no Markdown code fence.';

/** The description of the forced tool that carries a structured answer. */
const toolDescription = 'Give your answer by calling this tool, with the answer as its input, in exactly this structure.';

/** The system prompt parts and the alternating turns of a call. */
function conversationOf(request: LanguageModelV1Request): {
  system: string[];
  turns: Array<{ role: 'user' | 'assistant'; content: string }>;
} {
  if (request.prompt !== undefined) return { system: [], turns: [{ role: 'user', content: request.prompt }] };
  const system: string[] = [];
  const turns: Array<{ role: 'user' | 'assistant'; content: string }> = [];
  for (const message of request.messages) {
    if (message.role === 'system') {
      system.push(message.content);
      continue;
    }
    const last = turns.at(-1);
    if (last?.role === message.role) last.content = `${last.content}\n\n${message.content}`;
    else turns.push({ role: message.role, content: message.content });
  }
  if (turns.length === 0) {
    throw new InvalidArgumentError({
      argument: 'messages',
      message:
        'The Anthropic Messages API needs at least one user or assistant message, but the call has only ' +
        'system messages (they are sent as `system`). Add the request as a user message.',
    });
  }
  return { system, turns };
}

/** A tool name the API accepts (letters, digits, `_` and `-`, at most 64), from a schema name. */
function toolNameOf(name: string): string {
  const cleaned = name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
  return cleaned === '' ? 'response' : cleaned;
}

function setIfDefined(body: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) body[key] = value;
}
