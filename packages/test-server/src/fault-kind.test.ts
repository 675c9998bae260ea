import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { AnswerRule } from './answer-rule';
import { faultRule } from './fault-rule';
import type { FaultKind } from './fault-kind';
import { chatBody, postRaw, startTestServer, waitUntil } from './test-support/ask-test-server';

const echoRule: AnswerRule = (request) => `You said: ${request.prompt}`;

/** A server whose every completion request gets `fault`, with an SDK client. */
function faultyServer(fault: FaultKind, clientOptions: { timeout?: number } = {}) {
  return startTestServer({ rules: [faultRule({ fault }), echoRule] }, clientOptions);
}

describe('fault kinds: stall', () => {
  it('never answers, so the SDK times out with APIConnectionTimeoutError, and frees the request', async () => {
    const { client, server } = await faultyServer('stall', { timeout: 100 });

    const error = await client.chat.completions.create(chatBody('hi')).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    expect((error as Error).message).toBe('Request timed out.');
    expect(await waitUntil(() => server.inFlight === 0)).toBe(true);
  });

  it('keeps the request open until the server closes', async () => {
    const { client, server } = await faultyServer('stall');

    const pending = client.chat.completions.create(chatBody('hi')).catch((caught: unknown) => caught);
    await waitUntil(() => server.inFlight === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.inFlight).toBe(1);
    await server.close();

    expect(await pending).toBeInstanceOf(OpenAI.APIConnectionError);
  });
});

describe('fault kinds: reset', () => {
  it('sends the status, headers and half the JSON body, then resets the connection', async () => {
    const { server } = await faultyServer('reset');

    const response = await postRaw(`${server.baseURL}/chat/completions`, chatBody('hi'));

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.body).toMatch(/^\{"id":"chatcmpl-testkit-1"/);
    expect(Buffer.byteLength(response.body)).toBeLessThan(Number(response.headers['content-length']));
    expect(response.error?.code).toBe('ECONNRESET');
  });

  it('makes the SDK reject with a bare TypeError "terminated", not an OpenAI error, never retried', async () => {
    const { client, server } = await startTestServer({ rules: [faultRule({ fault: 'reset' })] }, { maxRetries: 2 });

    const error = await client.chat.completions.create(chatBody('hi')).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(OpenAI.OpenAIError);
    expect((error as Error).message).toBe('terminated');
    expect(((error as Error).cause as NodeJS.ErrnoException).code).toBe('ECONNRESET');
    // The headers had arrived, so the SDK had already handed the response over: no retry.
    expect(server.requests).toHaveLength(1);
  });

  it('cuts a stream after one or two events, failing the SDK iteration with the same TypeError', async () => {
    const { client } = await faultyServer('reset');

    const stream = await client.chat.completions.create(chatBody('hi', { stream: true }));
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    const error = await (async () => {
      for await (const chunk of stream) chunks.push(chunk);
    })().catch((caught: unknown) => caught);

    expect(chunks.length).toBeGreaterThanOrEqual(1);
    expect(chunks.length).toBeLessThanOrEqual(2);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('terminated');
  });
});

describe('fault kinds: truncated-stream', () => {
  it('ends the stream cleanly without the finish event, usage or [DONE]', async () => {
    const { server } = await faultyServer('truncated-stream');

    const response = await fetch(`${server.baseURL}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify(chatBody('hi', { stream: true, stream_options: { include_usage: true } })),
    });
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(text).toMatch(/^data: \{/);
    expect(text.endsWith('\n\n')).toBe(true);
    expect(text).not.toContain('[DONE]');
    expect(text).not.toContain('"finish_reason":"stop"');
    expect(text).not.toContain('"usage"');
  });

  it('lets SDK iteration end silently, while the stream helper fails on the missing finish_reason', async () => {
    const { client } = await faultyServer('truncated-stream');

    const stream = await client.chat.completions.create(
      chatBody('hi', { stream: true, stream_options: { include_usage: true } }),
    );
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const helperError = await client.chat.completions
      .stream(chatBody('hi'))
      .finalChatCompletion()
      .catch((caught: unknown) => caught);

    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((chunk) => chunk.choices[0]?.finish_reason == null && chunk.usage == null)).toBe(true);
    expect(helperError).toBeInstanceOf(OpenAI.OpenAIError);
    expect((helperError as Error).message).toBe('missing finish_reason for choice 0');
  });

  it('truncates a text completion stream the same way', async () => {
    const { client } = await faultyServer('truncated-stream');

    const stream = await client.completions.create({ model: 'base-model', prompt: 'Once', stream: true });
    const chunks: OpenAI.Completions.Completion[] = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((chunk) => chunk.choices[0]?.text).join('')).toMatch(/^This answer was/);
    expect(chunks.every((chunk) => chunk.choices[0]?.finish_reason == null)).toBe(true);
  });

  it('answers a non-streaming request with malformed JSON', async () => {
    const { client } = await faultyServer('truncated-stream');

    const error = await client.chat.completions.create(chatBody('hi')).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SyntaxError);
  });
});

describe('fault kinds: malformed-json', () => {
  it('answers 200 application/json with a body cut inside the answer text', async () => {
    const { server } = await faultyServer('malformed-json');

    const response = await fetch(`${server.baseURL}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify(chatBody('hi')),
    });
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(text).toMatch(/^\{"id":"chatcmpl-testkit-1",.*"message":\{"role":"assistant","content":"Thi$/);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it('makes the SDK reject with the bare SyntaxError of JSON.parse, which it does not retry', async () => {
    const { client, server } = await startTestServer(
      { rules: [faultRule({ fault: 'malformed-json' })] },
      { maxRetries: 2 },
    );

    const error = await client.completions
      .create({ model: 'base-model', prompt: 'Once' })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SyntaxError);
    expect(error).not.toBeInstanceOf(OpenAI.OpenAIError);
    expect((error as Error).message).toMatch(/JSON/);
    expect(server.requests).toHaveLength(1);
  });
});

describe('fault kinds: html', () => {
  it('answers 200 text/html with a gateway error page', async () => {
    const { server } = await faultyServer('html');

    const response = await fetch(`${server.baseURL}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify(chatBody('hi')),
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<h1>502 Bad Gateway</h1>');
  });

  it('makes the SDK resolve to the HTML text itself, and a stream yield nothing without error', async () => {
    const { client } = await faultyServer('html');

    const completion: unknown = await client.chat.completions.create(chatBody('hi'));
    const stream = await client.chat.completions.create(chatBody('hi', { stream: true }));
    const chunks: unknown[] = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(typeof completion).toBe('string');
    expect(completion).toMatch(/^<html>/);
    expect(chunks).toEqual([]);
  });
});

describe('fault kinds: empty-choices and missing-choices', () => {
  it('answers a valid completion with empty choices: the SDK resolves, its stream helper fails', async () => {
    const { client } = await faultyServer('empty-choices');

    const completion = await client.chat.completions.create(chatBody('hi'));
    const helperError = await client.chat.completions
      .stream(chatBody('hi'))
      .finalChatCompletion()
      .catch((caught: unknown) => caught);

    expect(completion.object).toBe('chat.completion');
    expect(completion.choices).toEqual([]);
    expect(completion.usage?.completion_tokens).toBe(0);
    expect(helperError).toBeInstanceOf(OpenAI.OpenAIError);
    expect((helperError as Error).message).toBe(
      'stream ended without producing a ChatCompletionMessage with role=assistant',
    );
  });

  it('streams events with empty choices, then [DONE]', async () => {
    const { client } = await faultyServer('empty-choices');

    const stream = await client.chat.completions.create(chatBody('hi', { stream: true }));
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.choices.length === 0)).toBe(true);
  });

  it('answers valid JSON without choices: the SDK resolves, its stream helper fails "not iterable"', async () => {
    const { client, server } = await faultyServer('missing-choices');

    const completion = await client.chat.completions.create(chatBody('hi'));
    const helperError = await client.chat.completions
      .stream(chatBody('hi'))
      .finalChatCompletion()
      .catch((caught: unknown) => caught);
    const raw = await fetch(`${server.baseURL}/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'base-model', prompt: 'Once' }),
    });

    expect(completion.id).toMatch(/^chatcmpl-testkit-/);
    expect('choices' in completion).toBe(false);
    expect(helperError).toBeInstanceOf(OpenAI.OpenAIError);
    expect((helperError as Error).message).toBe('chunk.choices is not iterable');
    expect(raw.status).toBe(200);
    expect(await raw.json()).toMatchObject({ object: 'text_completion', usage: { completion_tokens: 0 } });
  });
});
