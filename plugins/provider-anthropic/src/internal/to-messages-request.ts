import type Anthropic from '@anthropic-ai/sdk';
import { InvalidArgumentError, type LanguageModelV1Request, type LanguageModelV1Warning } from '@synthkit/core';

/**
 * How the answer must be read: the input of the forced tool `name` (wrapped in `{ value }` when the
 * schema's root is not an object), or the text, which must parse as JSON.
 */
export type StructuredOutput =
  | { readonly kind: 'tool'; readonly name: string; readonly wrapped: boolean }
  | { readonly kind: 'json' };

/** The property a schema whose root is not an object is wrapped in: a tool's input must be an object. */
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
    const wrapped = responseFormat.schema['type'] !== 'object';
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

// --- Internal helpers ---

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
