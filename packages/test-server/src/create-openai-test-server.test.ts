import { InvalidArgumentError } from '@synthkit/core';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { AnswerRule } from './answer-rule';
import { createOpenAITestServer } from './create-openai-test-server';
import { errorRule } from './error-rule';
import { faultRule } from './fault-rule';
import { textRule } from './text-rule';
import { chatBody, startTestServer, waitUntil } from './test-support/ask-test-server';

const echoRule: AnswerRule = (request) => `You said: ${request.prompt}`;

describe('createOpenAITestServer: chat completions', () => {
  it('answers a non-streaming chat completion from the first matching rule', async () => {
    const { client } = await startTestServer({
      rules: [
        textRule({ match: /weather/, answer: 'It is sunny today.' }),
        textRule({ match: /.*/, answer: 'fallback' }),
      ],
    });

    const completion = await client.chat.completions.create({
      model: 'test-model',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'How is the weather?' },
      ],
    });

    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('test-model');
    expect(completion.choices).toHaveLength(1);
    expect(completion.choices[0]?.message).toMatchObject({ role: 'assistant', content: 'It is sunny today.' });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    // Words: "Be brief." (2) + "How is the weather?" (4); "It is sunny today." (4).
    expect(completion.usage).toEqual({ prompt_tokens: 6, completion_tokens: 4, total_tokens: 10 });
  });

  it('streams through the SDK stream helper, whose final completion needs the role in the first delta', async () => {
    const { client } = await startTestServer({ rules: [textRule({ match: /story/, answer: 'Once upon a time,\nthe end.' })] });

    const stream = client.chat.completions.stream({
      model: 'test-model',
      messages: [{ role: 'user', content: 'Tell me a story' }],
    });
    const deltas: string[] = [];
    stream.on('content', (delta) => deltas.push(delta));
    const completion = await stream.finalChatCompletion();

    expect(completion.choices[0]?.message.content).toBe('Once upon a time,\nthe end.');
    expect(completion.choices[0]?.message.role).toBe('assistant');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('Once upon a time,\nthe end.');
  });

  it('streams with create({ stream: true }) and sends a final usage chunk with no choices when asked', async () => {
    const { client } = await startTestServer({ rules: [textRule({ match: /count/, answer: 'one two three' })] });

    const stream = await client.chat.completions.create({
      model: 'test-model',
      messages: [{ role: 'user', content: 'Please count' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    const text = chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta.content ?? '')).join('');
    expect(text).toBe('one two three');
    const finishReasons = chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason));
    expect(finishReasons.filter((reason) => reason != null)).toEqual(['stop']);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toEqual({ prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 });
  });

  it('sends no usage chunk when the stream does not ask for it', async () => {
    const { client } = await startTestServer({ rules: [echoRule] });

    const stream = await client.chat.completions.create({
      model: 'test-model',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(chunks.some((chunk) => chunk.usage != null)).toBe(false);
    expect(chunks.every((chunk) => chunk.choices.length === 1)).toBe(true);
  });

  it('answers n choices, calling the rules once per choice with its index', async () => {
    const { client, server } = await startTestServer({ rules: [(request) => `Answer number ${request.choiceIndex}`] });

    const completion = await client.chat.completions.create({
      model: 'test-model',
      messages: [{ role: 'user', content: 'Give me variety' }],
      n: 3,
    });

    expect(completion.choices.map((choice) => [choice.index, choice.message.content])).toEqual([
      [0, 'Answer number 0'],
      [1, 'Answer number 1'],
      [2, 'Answer number 2'],
    ]);
    expect(completion.usage?.completion_tokens).toBe(9);
    expect(server.requests).toHaveLength(1);
  });

  it('streams n choices, each starting with the assistant role', async () => {
    const { client } = await startTestServer({ rules: [(request) => `Choice ${request.choiceIndex}`] });

    const completion = await client.chat.completions
      .stream({ model: 'test-model', messages: [{ role: 'user', content: 'Go' }], n: 3 })
      .finalChatCompletion();

    expect(completion.choices.map((choice) => choice.message.content)).toEqual(['Choice 0', 'Choice 1', 'Choice 2']);
  });

  it('cuts answers longer than max_tokens words and reports finish_reason "length"', async () => {
    const { client } = await startTestServer({ rules: [textRule({ match: /.*/, answer: 'alpha beta\ngamma delta epsilon' })] });

    const completion = await client.chat.completions.create({
      model: 'test-model',
      messages: [{ role: 'user', content: 'Long answer please' }],
      max_tokens: 3,
    });
    const untouched = await client.chat.completions.create({
      model: 'test-model',
      messages: [{ role: 'user', content: 'Long answer please' }],
      max_completion_tokens: 5,
    });

    expect(completion.choices[0]?.message.content).toBe('alpha beta\ngamma');
    expect(completion.choices[0]?.finish_reason).toBe('length');
    expect(completion.usage?.completion_tokens).toBe(3);
    expect(untouched.choices[0]?.message.content).toBe('alpha beta\ngamma delta epsilon');
    expect(untouched.choices[0]?.finish_reason).toBe('stop');
  });

  it('matches rules against the last user message and gives them the whole conversation', async () => {
    const seen: unknown[] = [];
    const { client } = await startTestServer({
      rules: [
        (request) => {
          seen.push({ prompt: request.prompt, messages: request.messages, model: request.model, kind: request.kind });
          return 'ok';
        },
      ],
    });

    await client.chat.completions.create({
      model: 'test-model',
      messages: [
        { role: 'system', content: 'System text' },
        { role: 'user', content: 'First question' },
        { role: 'assistant', content: 'First answer' },
        { role: 'user', content: [{ type: 'text', text: 'Second question' }] },
      ],
    });

    expect(seen).toEqual([
      {
        prompt: 'Second question',
        messages: [
          { role: 'system', content: 'System text' },
          { role: 'user', content: 'First question' },
          { role: 'assistant', content: 'First answer' },
          { role: 'user', content: 'Second question' },
        ],
        model: 'test-model',
        kind: 'chat',
      },
    ]);
  });
});

describe('createOpenAITestServer: text completions', () => {
  it('answers a non-streaming completion', async () => {
    const { client } = await startTestServer({ rules: [textRule({ match: /^Once/, answer: ' there was a fox.' })] });

    const completion = await client.completions.create({ model: 'base-model', prompt: 'Once upon a time' });

    expect(completion.object).toBe('text_completion');
    expect(completion.choices[0]?.text).toBe(' there was a fox.');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toEqual({ prompt_tokens: 4, completion_tokens: 4, total_tokens: 8 });
  });

  it('streams a completion with a final usage chunk', async () => {
    const { client } = await startTestServer({
      rules: [
        (request) => {
          expect(request.kind).toBe('completion');
          expect(request.messages).toEqual([]);
          return `Completion ${request.choiceIndex} of: ${request.prompt}`;
        },
      ],
    });

    const stream = await client.completions.create({
      model: 'base-model',
      prompt: 'The prompt',
      n: 2,
      stream: true,
      stream_options: { include_usage: true },
    });
    const texts = ['', ''];
    const finishReasons: unknown[] = [];
    let usage: unknown;
    for await (const chunk of stream) {
      for (const choice of chunk.choices) {
        texts[choice.index] += choice.text;
        if (choice.finish_reason != null) finishReasons.push(choice.finish_reason);
      }
      if (chunk.usage != null) usage = chunk.usage;
    }

    expect(texts).toEqual(['Completion 0 of: The prompt', 'Completion 1 of: The prompt']);
    expect(finishReasons).toEqual(['stop', 'stop']);
    expect(usage).toEqual({ prompt_tokens: 2, completion_tokens: 10, total_tokens: 12 });
  });
});

describe('createOpenAITestServer: errors', () => {
  it('fails with a 400 BadRequestError quoting the prompt when no rule matches', async () => {
    const { client } = await startTestServer({ rules: [textRule({ match: /never/, answer: 'x' })] });

    const call = client.chat.completions.create({
      model: 'test-model',
      messages: [{ role: 'user', content: 'An unexpected prompt about llamas' }],
    });

    const error = await call.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).status).toBe(400);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('no_rule_matched');
    expect((error as Error).message).toContain('An unexpected prompt about llamas');
  });

  it('quotes only the start of a long prompt', async () => {
    const { client } = await startTestServer();
    const prompt = `${'word '.repeat(200)}TAIL-MARKER`;

    const error = await client.completions.create({ model: 'm', prompt }).catch((caught: unknown) => caught);

    expect((error as Error).message).toContain('word word');
    expect((error as Error).message).not.toContain('TAIL-MARKER');
  });

  it('answers a body that is not JSON with a 400 OpenAI-format error', async () => {
    const { server } = await startTestServer({ rules: [echoRule] });

    const response = await fetch(`${server.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{ not json',
    });

    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_json' });
    expect(body.error['message']).toEqual(expect.stringContaining('JSON'));
  });

  it('answers an invalid request body with a 400 naming the bad field', async () => {
    const { client } = await startTestServer({ rules: [echoRule] });

    const error = await client.chat.completions
      .create({ model: 'test-model', messages: [] })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toContain("'messages'");
  });

  it('answers an unknown path with a 404 OpenAI-format error', async () => {
    const { server, client } = await startTestServer({ rules: [echoRule] });

    const response = await fetch(`${server.baseURL}/moderations`, { method: 'POST', body: '{}' });
    const sdkError = await client.moderations.create({ model: 'e', input: 'x' }).catch((caught: unknown) => caught);

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'unknown_url' } });
    expect(sdkError).toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('answers with the HTTP error a rule returns, with its headers', async () => {
    const { client } = await startTestServer({
      rules: [
        errorRule({
          status: 429,
          message: 'Rate limit reached',
          headers: { 'retry-after-ms': '150' },
          code: 'rate_limit_exceeded',
        }),
      ],
    });

    const error = await client.chat.completions
      .create({ model: 'test-model', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const rateLimitError = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rateLimitError.message).toBe('429 Rate limit reached');
    expect(rateLimitError.code).toBe('rate_limit_exceeded');
    expect(rateLimitError.type).toBe('invalid_request_error');
    expect(rateLimitError.headers.get('retry-after-ms')).toBe('150');
  });

  it('answers 500 with the message when a rule throws', async () => {
    const { client } = await startTestServer({
      rules: [
        () => {
          throw new Error('rule bug');
        },
      ],
    });

    const error = await client.chat.completions
      .create({ model: 'test-model', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as Error).message).toContain('rule bug');
  });
});

describe('createOpenAITestServer: behaviour', () => {
  it('records every request with its path, lower-cased headers, JSON body and prompt', async () => {
    const { client, server } = await startTestServer({ rules: [echoRule] });

    await client.chat.completions.create({
      model: 'test-model',
      messages: [{ role: 'user', content: 'Recorded prompt' }],
      temperature: 0.5,
    });
    await client.models.list();

    expect(server.requests).toHaveLength(2);
    const [chat, models] = server.requests;
    expect(chat).toMatchObject({ method: 'POST', path: '/v1/chat/completions', prompt: 'Recorded prompt' });
    expect(chat?.headers['authorization']).toBe('Bearer test-key');
    expect(chat?.headers['content-type']).toBe('application/json');
    expect(chat?.body).toEqual({
      model: 'test-model',
      messages: [{ role: 'user', content: 'Recorded prompt' }],
      temperature: 0.5,
    });
    expect(models).toMatchObject({ method: 'GET', path: '/v1/models', body: undefined, prompt: undefined });
  });

  it('lists the configured models', async () => {
    const { client } = await startTestServer({ models: ['model-a', 'model-b'] });

    const page = await client.models.list();

    expect(page.data.map((model) => model.id)).toEqual(['model-a', 'model-b']);
  });

  it('sends the extra headers with every response', async () => {
    const { client } = await startTestServer({
      rules: [echoRule],
      headers: { 'x-ratelimit-remaining-requests': '42' },
    });

    const { response, request_id } = await client.chat.completions
      .create({ model: 'test-model', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();

    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('42');
    expect(request_id).toMatch(/^req_testkit_\d+$/);
  });

  it('waits at least the latency before answering, and records when each request came and was answered', async () => {
    const { client, server } = await startTestServer({ rules: [echoRule], latencyMs: 150 });

    const startedAt = performance.now();
    await client.chat.completions.create({ model: 'test-model', messages: [{ role: 'user', content: 'hi' }] });

    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(145);
    const [request] = server.requests;
    expect(request!.receivedAtMs).toBeGreaterThanOrEqual(startedAt);
    expect(request!.answeredAtMs! - request!.receivedAtMs).toBeGreaterThanOrEqual(145);
  });

  it('draws the latency from a range', async () => {
    const { client } = await startTestServer({ rules: [echoRule], latencyMs: { min: 100, max: 120 } });

    const startedAt = performance.now();
    await client.completions.create({ model: 'test-model', prompt: 'hi' });

    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(95);
  });

  it('draws a lognormal latency', async () => {
    const { client } = await startTestServer({
      rules: [echoRule],
      latencyMs: { distribution: 'lognormal', meanMs: 30, sigma: 0.2, seed: 4 },
    });

    const startedAt = performance.now();
    const completion = await client.chat.completions.create(chatBody('hi'));

    expect(completion.choices[0]?.message.content).toBe('You said: hi');
    // The first draw of seed 4 is 23.5 ms.
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(20);
  });

  it('rejects a negative latency or an empty range', async () => {
    await expect(createOpenAITestServer({ latencyMs: -1 })).rejects.toSatisfy(InvalidArgumentError.isInstance);
    await expect(createOpenAITestServer({ latencyMs: { min: 50, max: 10 } })).rejects.toThrow(/latencyMs/);
  });

  it('counts requests in flight and the highest concurrency seen', async () => {
    // Long enough for all five requests to arrive before the first answer, even on a busy machine.
    const { client, server } = await startTestServer({ rules: [echoRule], latencyMs: 500 });

    const calls = Array.from({ length: 5 }, (_, index) =>
      client.chat.completions.create({ model: 'test-model', messages: [{ role: 'user', content: `call ${index}` }] }),
    );
    const inFlightWhileWaiting = await waitUntil(() => server.inFlight === 5);
    await Promise.all(calls);

    expect(inFlightWhileWaiting).toBe(true);
    expect(server.maxInFlight).toBe(5);
    expect(server.inFlight).toBe(0);
  });

  it('closes promptly while a request is still waiting for its answer', async () => {
    const { client, server } = await startTestServer({ rules: [echoRule], latencyMs: 60_000 });

    const pending = client.chat.completions
      .create({ model: 'test-model', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    await waitUntil(() => server.inFlight === 1);
    await server.close();

    expect(await pending).toBeInstanceOf(OpenAI.APIConnectionError);
    await expect(fetch(`${server.baseURL}/models`)).rejects.toThrow();
  });
});

describe('createOpenAITestServer: capacity', () => {
  it('processes at most capacity requests at once, queueing the rest while they stay in flight', async () => {
    // Long enough for all six requests to arrive while the first two are processed, even on a busy machine.
    const { client, server } = await startTestServer({ rules: [echoRule], latencyMs: 500, capacity: 2 });

    const calls = Array.from({ length: 6 }, (_, index) => client.chat.completions.create(chatBody(`call ${index}`)));
    const queuedWhileWaiting = await waitUntil(() => server.queued === 4 && server.processing === 2);
    await Promise.all(calls);

    expect(queuedWhileWaiting).toBe(true);
    expect(server.maxProcessing).toBe(2);
    expect(server.maxInFlight).toBe(6);
    expect([server.inFlight, server.processing, server.queued]).toEqual([0, 0, 0]);
  });

  it('serves queued requests first come first served, starting their latency when they get a slot', async () => {
    const { client, server } = await startTestServer({ rules: [echoRule], latencyMs: 30, capacity: 1 });

    const answered: string[] = [];
    const startedAt = performance.now();
    await Promise.all(
      Array.from({ length: 4 }, (_, index) =>
        client.chat.completions
          .create(chatBody(`call ${index}`))
          .then((completion) => answered.push(completion.choices[0]?.message.content ?? '')),
      ),
    );

    expect(answered).toEqual(server.requests.map((request) => `You said: ${request.prompt}`));
    // Four latencies one after another, not side by side.
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(4 * 30 - 5);
    expect(server.maxProcessing).toBe(1);
  });

  it('lets a stalled request hold its slot until its client gives up', async () => {
    const { client, server } = await startTestServer({
      rules: [faultRule({ fault: 'stall', match: /stall/ }), echoRule],
      capacity: 1,
    });

    const stalled = client.chat.completions
      .create(chatBody('stall please'), { timeout: 1_000 })
      .catch((caught: unknown) => caught);
    await waitUntil(() => server.processing === 1);
    const waiting = client.chat.completions.create(chatBody('answer please'));
    const queuedBehindStall = await waitUntil(() => server.queued === 1);

    expect(queuedBehindStall).toBe(true);
    expect(await stalled).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    expect((await waiting).choices[0]?.message.content).toBe('You said: answer please');
    expect(server.maxProcessing).toBe(1);
  });

  it('drops a queued request whose client goes away', async () => {
    const { client, server } = await startTestServer({ rules: [echoRule], latencyMs: 500, capacity: 1 });
    const leaving = new AbortController();

    const first = client.chat.completions.create(chatBody('first'));
    await waitUntil(() => server.processing === 1);
    const abandoned = client.chat.completions
      .create(chatBody('abandoned'), { signal: leaving.signal })
      .catch((caught: unknown) => caught);
    const last = client.chat.completions.create(chatBody('last'));
    await waitUntil(() => server.queued === 2);
    leaving.abort();
    const queuedAfterLeaving = await waitUntil(() => server.queued === 1);

    expect(queuedAfterLeaving).toBe(true);
    expect(await abandoned).toBeInstanceOf(OpenAI.APIUserAbortError);
    expect((await first).choices[0]?.message.content).toBe('You said: first');
    expect((await last).choices[0]?.message.content).toBe('You said: last');
  });

  it('rejects a capacity that is not a whole number of at least 1', async () => {
    await expect(createOpenAITestServer({ capacity: 0 })).rejects.toSatisfy(InvalidArgumentError.isInstance);
    await expect(createOpenAITestServer({ capacity: 1.5 })).rejects.toThrow(/capacity must be a whole number/);
  });
});
