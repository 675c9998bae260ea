/** A completion request body, checked and reduced to what the test server needs. */
export interface DecodedRequest {
  readonly kind: 'chat' | 'completion';
  readonly model: string;
  /** Chat messages with text content; empty for completion requests. */
  readonly messages: ReadonlyArray<{ readonly role: string; readonly content: string }>;
  /** The last user message, or the completion prompt. */
  readonly prompt: string;
  /** Every text that counts as prompt tokens: all message contents, or the completion prompt. */
  readonly promptTexts: ReadonlyArray<string>;
  /** `n`, default 1. */
  readonly choiceCount: number;
  /** `max_completion_tokens` (chat only) or `max_tokens`, in words; undefined when unset. */
  readonly maxTokens: number | undefined;
  readonly stream: boolean;
  /** `stream_options.include_usage`. */
  readonly includeUsage: boolean;
}

/** Either the decoded request, or why it is invalid (sent back as a 400). */
export type DecodeResult = { readonly decoded: DecodedRequest } | { readonly problem: string };

/** Checks a parsed JSON body the way the OpenAI API does, for the fields the server uses. */
export function decodeRequest(kind: 'chat' | 'completion', body: Record<string, unknown>): DecodeResult {
  const model = body['model'];
  if (typeof model !== 'string' || model === '') return { problem: 'You must provide a model parameter.' };

  const choiceCount = body['n'] ?? 1;
  if (!isWholeNumber(choiceCount) || choiceCount < 1 || choiceCount > 128) {
    return { problem: `Invalid 'n': expected an integer from 1 to 128, got ${JSON.stringify(body['n'])}.` };
  }

  const maxTokensField =
    kind === 'chat' && body['max_completion_tokens'] != null ? 'max_completion_tokens' : 'max_tokens';
  const maxTokens = body[maxTokensField] ?? undefined;
  if (maxTokens !== undefined && (!isWholeNumber(maxTokens) || maxTokens < 0)) {
    return {
      problem: `Invalid '${maxTokensField}': expected a non-negative integer, got ${JSON.stringify(maxTokens)}.`,
    };
  }

  const stream = body['stream'] === true;
  const streamOptions = body['stream_options'];
  const includeUsage = stream && isObject(streamOptions) && streamOptions['include_usage'] === true;
  const common = { model, choiceCount, maxTokens, stream, includeUsage };

  if (kind === 'completion') {
    const prompt = body['prompt'];
    if (typeof prompt !== 'string') {
      return { problem: "Invalid 'prompt': the test server supports a single string prompt." };
    }
    return { decoded: { kind, messages: [], prompt, promptTexts: [prompt], ...common } };
  }

  const rawMessages = body['messages'];
  if (!Array.isArray(rawMessages) || rawMessages.length === 0) {
    return { problem: "Invalid 'messages': expected a non-empty array of messages." };
  }
  const messages: { role: string; content: string }[] = [];
  for (const [index, message] of rawMessages.entries()) {
    if (!isObject(message) || typeof message['role'] !== 'string') {
      return { problem: `Invalid 'messages[${index}]': expected an object with a string 'role'.` };
    }
    messages.push({ role: message['role'], content: contentText(message['content']) });
  }
  const lastUserMessage = messages.findLast((message) => message.role === 'user');
  return {
    decoded: {
      kind,
      messages,
      prompt: lastUserMessage?.content ?? '',
      promptTexts: messages.map((message) => message.content),
      ...common,
    },
  };
}

// --- Internal helpers ---

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value != null && !Array.isArray(value);
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** Message content as text: a string as is, text parts joined by newlines, anything else empty. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => (isObject(part) && typeof part['text'] === 'string' ? part['text'] : ''))
    .filter((text) => text !== '')
    .join('\n');
}
