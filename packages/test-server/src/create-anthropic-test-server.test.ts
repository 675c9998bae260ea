import Anthropic from '@anthropic-ai/sdk';
import { InvalidArgumentError } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { defaultAnthropicFaultSpecs } from './anthropic-fault-kinds';
import type { AnswerRequest, AnswerRule } from './answer-rule';
import { createAnthropicTestServer } from './create-anthropic-test-server';
import { errorRule } from './error-rule';
import { faultRule } from './fault-rule';
import { textRule } from './text-rule';
import { waitUntil } from './test-support/ask-test-server';
import {
  messagesBody,
  parseEvents,
  postMessages,
  startAnthropicTestServer,
} from './test-support/start-anthropic-test-server';

const echoRule: AnswerRule = (request) => `You said: ${request.prompt}`;

type RawStreamEvent = Anthropic.Messages.RawMessageStreamEvent;

describe('createAnthropicTestServer: messages', () => {
  it('answers a message from the first matching rule, in the API shape, with a request-id', async () => {
    const { client } = await startAnthropicTestServer({
      rules: [textRule({ match: /weather/, answer: 'It is sunny today.' }), textRule({ match: /.*/, answer: 'fallback' })],
    });

    const { data: message, response } = await client.messages
      .create({ ...messagesBody('How is the weather?'), system: 'Be brief.' })
      .withResponse();

    expect(message).toEqual({
      id: 'msg_testkit_1',
      type: 'message',
      role: 'assistant',
      model: 'test-model',
      content: [{ type: 'text', text: 'It is sunny today.' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      stop_details: null,
      // Words: "Be brief." (2) + "How is the weather?" (4); "It is sunny today." (4).
      usage: { input_tokens: 6, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 4, service_tier: 'standard' },
    });
    expect(response.headers.get('request-id')).toBe('req_testkit_1');
    expect(response.headers.get('content-type')).toBe('application/json');
  });

  it('shows rules the system prompt as a first system message and the last user turn as the prompt', async () => {
    const seen: Array<Pick<AnswerRequest, 'kind' | 'model' | 'messages' | 'prompt' | 'choiceIndex'>> = [];
    const { client } = await startAnthropicTestServer({
      rules: [
        ({ kind, model, messages, prompt, choiceIndex }) => {
          seen.push({ kind, model, messages, prompt, choiceIndex });
          return 'ok';
        },
      ],
    });

    await client.messages.create({
      model: 'claude-test',
      max_tokens: 10,
      system: [{ type: 'text', text: 'System text' }],
      messages: [
        { role: 'user', content: 'First question' },
        { role: 'assistant', content: 'First answer' },
        { role: 'user', content: [{ type: 'text', text: 'Second' }, { type: 'text', text: 'question' }] },
      ],
    });

    expect(seen).toEqual([
      {
        kind: 'chat',
        model: 'claude-test',
        messages: [
          { role: 'system', content: 'System text' },
          { role: 'user', content: 'First question' },
          { role: 'assistant', content: 'First answer' },
          { role: 'user', content: 'Second\nquestion' },
        ],
        prompt: 'Second\nquestion',
        choiceIndex: 0,
      },
    ]);
  });

  it('streams the events of the real API, in order, with event and data lines', async () => {
    const { server } = await startAnthropicTestServer({ rules: [textRule({ match: /story/, answer: 'Once upon a time,\nthe end.' })] });

    const response = await postMessages(`${server.baseURL}/v1/messages`, messagesBody('Tell a story', { stream: true }));
    const text = await response.text();
    const events = parseEvents(text);

    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(text.startsWith('event: message_start\ndata: {"type":"message_start",')).toBe(true);
    expect(events.every(({ event, data }) => data['type'] === event)).toBe(true);
    expect(events.map(({ event }) => event)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      // "Once ", "upon ", "a ", "time,\n", "the ", "end."
      ...Array.from({ length: 6 }, () => 'content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events[0]?.data).toMatchObject({
      message: { id: 'msg_testkit_1', role: 'assistant', content: [], stop_reason: null, usage: { input_tokens: 3, output_tokens: 1 } },
    });
    expect(events[1]?.data).toEqual({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    const deltas = events.filter(({ event }) => event === 'content_block_delta').map(({ data }) => data['delta']);
    expect(deltas.every((delta) => (delta as { type: string }).type === 'text_delta')).toBe(true);
    expect(deltas.map((delta) => (delta as { text: string }).text).join('')).toBe('Once upon a time,\nthe end.');
    expect(events.at(-2)?.data).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null, stop_details: null },
      usage: { input_tokens: 3, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 6 },
    });
  });

  it('streams through the SDK: raw events, and a stream helper whose final message equals the plain answer', async () => {
    const { client } = await startAnthropicTestServer({ rules: [textRule({ match: /count/, answer: 'one two three' })] });

    const stream = await client.messages.create(messagesBody('Please count', { stream: true }));
    const types: string[] = [];
    for await (const event of stream as AsyncIterable<RawStreamEvent>) types.push(event.type);
    const helper = client.messages.stream(messagesBody('Please count'));
    const texts: string[] = [];
    helper.on('text', (text) => texts.push(text));
    const streamed = await helper.finalMessage();
    const plain = await client.messages.create(messagesBody('Please count'));

    // The SDK drops the ping.
    expect(types).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(texts).toEqual(['one ', 'two ', 'three']);
    // The helper adds parsed_output (for output_config formats) to what the API sent.
    const { parsed_output: parsedOutput, ...streamedMessage } = streamed;
    expect(parsedOutput).toBeNull();
    expect({ ...streamedMessage, id: '' }).toEqual({ ...plain, id: '' });
  });

  it('cuts answers longer than max_tokens words, with stop_reason "max_tokens"', async () => {
    const { client } = await startAnthropicTestServer({ rules: [textRule({ match: /.*/, answer: 'alpha beta\ngamma delta epsilon' })] });

    const cut = await client.messages.create(messagesBody('Long answer please', { max_tokens: 3 }));
    const whole = await client.messages.create(messagesBody('Long answer please', { max_tokens: 5 }));

    expect(cut.content).toEqual([{ type: 'text', text: 'alpha beta\ngamma' }]);
    expect(cut.stop_reason).toBe('max_tokens');
    expect(cut.usage.output_tokens).toBe(3);
    expect(whole.stop_reason).toBe('end_turn');
  });

  it('ends an answer before the first stop sequence it contains, naming it', async () => {
    const { client } = await startAnthropicTestServer({ rules: [textRule({ match: /.*/, answer: 'one two ### three END four' })] });

    const stopped = await client.messages.create(messagesBody('go', { stop_sequences: ['END', '###', 'never'] as string[] }));
    const streamed = await client.messages.stream(messagesBody('go', { stop_sequences: ['END'] as string[] })).finalMessage();
    const untouched = await client.messages.create(messagesBody('go', { stop_sequences: ['never'] as string[] }));

    expect(stopped.content).toEqual([{ type: 'text', text: 'one two ' }]);
    expect(stopped.stop_reason).toBe('stop_sequence');
    expect(stopped.stop_sequence).toBe('###');
    expect(streamed.content).toEqual([{ type: 'text', text: 'one two ### three ' }]);
    expect(streamed).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: 'END' });
    expect(untouched).toMatchObject({ stop_reason: 'end_turn', stop_sequence: null });
  });

  it('answers a rule that gives log probabilities with its text, since the API has none', async () => {
    const { client } = await startAnthropicTestServer({
      rules: [() => ({ text: 'helpfulness:3.5', logprobs: [{ token: 'helpfulness', logprob: 3.5 }] })],
    });

    const message = await client.messages.create(messagesBody('Rate this.'));

    expect(message.content).toEqual([{ type: 'text', text: 'helpfulness:3.5' }]);
    expect(message).not.toHaveProperty('logprobs');
  });

  it('lists the configured models and sends the extra headers', async () => {
    const { client } = await startAnthropicTestServer({ models: ['claude-a', 'claude-b'], headers: { 'x-testkit': 'yes' } });

    const { data: page, response } = await client.models.list().withResponse();

    expect(page.data.map((model) => model.id)).toEqual(['claude-a', 'claude-b']);
    expect(response.headers.get('x-testkit')).toBe('yes');
  });
});

describe('createAnthropicTestServer: forced tool use', () => {
  const tools = [
    { name: 'record_answer', input_schema: { type: 'object' as const, properties: { answer: { type: 'number' } } } },
    { name: 'other_tool', input_schema: { type: 'object' as const } },
  ];

  it('answers a forced tool with a tool_use block whose input is the JSON the rule produced', async () => {
    const { client } = await startAnthropicTestServer({ rules: [() => '{"answer": 42, "note": "forty two"}'] });

    const message = await client.messages.create(
      messagesBody('What is six times seven?', { tools, tool_choice: { type: 'tool', name: 'record_answer' } }),
    );

    expect(message.content).toEqual([
      { type: 'tool_use', id: 'toolu_testkit_1', name: 'record_answer', input: { answer: 42, note: 'forty two' } },
    ]);
    expect(message.stop_reason).toBe('tool_use');
  });

  it('streams the tool input as input_json_delta pieces the SDK puts back together', async () => {
    const { client, server } = await startAnthropicTestServer({ rules: [() => '{"answer": 42, "note": "a longer note to split"}'] });

    const message = await client.messages
      .stream(messagesBody('go', { tools, tool_choice: { type: 'any' } }))
      .finalMessage();
    const raw = parseEvents(
      await (await postMessages(`${server.baseURL}/v1/messages`, messagesBody('go', { stream: true, tools, tool_choice: { type: 'any' } }))).text(),
    );

    expect(message.content).toEqual([
      { type: 'tool_use', id: 'toolu_testkit_1', name: 'record_answer', input: { answer: 42, note: 'a longer note to split' } },
    ]);
    expect(message.stop_reason).toBe('tool_use');
    expect(raw[1]?.data).toEqual({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'tool_use', id: 'toolu_testkit_2', name: 'record_answer', input: {} },
    });
    const pieces = raw.filter(({ event }) => event === 'content_block_delta').map(({ data }) => data['delta'] as { type: string; partial_json: string });
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.every((piece) => piece.type === 'input_json_delta')).toBe(true);
    expect(JSON.parse(pieces.map((piece) => piece.partial_json).join(''))).toEqual({ answer: 42, note: 'a longer note to split' });
  });

  it('answers text when tool_choice does not force a tool', async () => {
    const { client } = await startAnthropicTestServer({ rules: [() => 'plain text'] });

    const message = await client.messages.create(messagesBody('go', { tools, tool_choice: { type: 'auto' } }));

    expect(message.content).toEqual([{ type: 'text', text: 'plain text' }]);
  });

  it('answers 500 when the rule does not answer a JSON object, and 400 for a tool that is not offered', async () => {
    const { client } = await startAnthropicTestServer({ rules: [() => 'not json'] });

    const notJson = await client.messages
      .create(messagesBody('go', { tools, tool_choice: { type: 'tool', name: 'record_answer' } }))
      .catch((caught: unknown) => caught);
    const unknownTool = await client.messages
      .create(messagesBody('go', { tools, tool_choice: { type: 'tool', name: 'missing' } }))
      .catch((caught: unknown) => caught);

    expect(notJson).toBeInstanceOf(Anthropic.InternalServerError);
    expect((notJson as Error).message).toContain('must be a JSON object');
    expect(unknownTool).toBeInstanceOf(Anthropic.BadRequestError);
    expect((unknownTool as Error).message).toContain("Tool 'missing' not found");
  });
});

describe('createAnthropicTestServer: errors', () => {
  it('answers 400 invalid_request_error quoting the prompt when no rule matches', async () => {
    const { client } = await startAnthropicTestServer({ rules: [textRule({ match: /never/, answer: 'x' })] });

    const error = await client.messages.create(messagesBody('An unexpected prompt about llamas')).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    const badRequest = error as InstanceType<typeof Anthropic.BadRequestError>;
    expect(badRequest.type).toBe('invalid_request_error');
    expect(badRequest.apiMessage).toContain('No answer rule matched');
    expect(badRequest.apiMessage).toContain('An unexpected prompt about llamas');
    expect(badRequest.requestID).toBe('req_testkit_1');
  });

  it.each([
    [400, Anthropic.BadRequestError, 'invalid_request_error'],
    [401, Anthropic.AuthenticationError, 'authentication_error'],
    [403, Anthropic.PermissionDeniedError, 'permission_error'],
    [404, Anthropic.NotFoundError, 'not_found_error'],
    [429, Anthropic.RateLimitError, 'rate_limit_error'],
    [500, Anthropic.InternalServerError, 'api_error'],
    [529, Anthropic.InternalServerError, 'overloaded_error'],
  ] as const)('answers an error rule with status %i in the Anthropic shape (%s, %s)', async (status, errorClass, type) => {
    const { client, server } = await startAnthropicTestServer({
      rules: [errorRule({ status, message: `failure ${status}`, headers: { 'retry-after': '3' } })],
    });

    const error = await client.messages.create(messagesBody('hi')).catch((caught: unknown) => caught);
    const raw = await postMessages(`${server.baseURL}/v1/messages`, messagesBody('hi'));

    expect(error).toBeInstanceOf(errorClass);
    expect(error).toMatchObject({ status, type, apiMessage: `failure ${status}` });
    expect((error as InstanceType<typeof Anthropic.APIError>).headers?.get('retry-after')).toBe('3');
    expect(raw.status).toBe(status);
    expect(await raw.json()).toEqual({ type: 'error', error: { type, message: `failure ${status}` } });
  });

  it('keeps the type a rule gives, and sends a raw body as it is', async () => {
    const { server } = await startAnthropicTestServer({
      rules: [
        errorRule({ match: /typed/, status: 400, type: 'request_too_large', message: 'too big' }),
        errorRule({ match: /gateway/, status: 502, message: '', body: '<html>502 Bad Gateway</html>' }),
      ],
    });

    const typed = await postMessages(`${server.baseURL}/v1/messages`, messagesBody('typed'));
    const gateway = await postMessages(`${server.baseURL}/v1/messages`, messagesBody('gateway'));

    expect(await typed.json()).toEqual({ type: 'error', error: { type: 'request_too_large', message: 'too big' } });
    expect(gateway.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await gateway.text()).toBe('<html>502 Bad Gateway</html>');
  });

  it('checks the body like the API: max_tokens and messages are required, temperature is 0 to 1', async () => {
    const { server } = await startAnthropicTestServer({ rules: [echoRule] });
    const post = async (body: unknown) => {
      const response = await postMessages(`${server.baseURL}/v1/messages`, body);
      return [response.status, ((await response.json()) as { error: { message: string } }).error.message];
    };

    expect(await post({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })).toEqual([400, 'max_tokens: Field required']);
    expect(await post({ model: 'm', max_tokens: 5 })).toEqual([400, 'messages: Field required']);
    expect(await post({ ...messagesBody('hi'), temperature: 1.5 })).toEqual([400, expect.stringMatching(/^temperature: /)]);
    expect(await post({ ...messagesBody('hi'), messages: [{ role: 'tool', content: 'x' }] })).toEqual([
      400,
      expect.stringMatching(/^messages\.0\.role: /),
    ]);
    expect(await post('not an object')).toEqual([400, expect.stringContaining('expected a JSON object')]);
    expect(server.requests.map((request) => request.prompt)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('requires the anthropic-version header, and answers an unknown path with 404 not_found_error', async () => {
    const { server } = await startAnthropicTestServer({ rules: [echoRule] });

    const withoutVersion = await postMessages(`${server.baseURL}/v1/messages`, messagesBody('hi'), {});
    const unknownPath = await postMessages(`${server.baseURL}/v1/complete`, messagesBody('hi'));

    expect(withoutVersion.status).toBe(400);
    expect(await withoutVersion.json()).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' },
    });
    expect(unknownPath.status).toBe(404);
    expect(await unknownPath.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });

  it('with an apiKey, refuses other keys with 401 and accepts it as a bearer token or x-api-key', async () => {
    const { server, client } = await startAnthropicTestServer({ rules: [echoRule], apiKey: 'test-key' });
    const wrongKey = new Anthropic({ apiKey: 'wrong-key', baseURL: server.baseURL, maxRetries: 0 });

    const refused = await wrongKey.messages.create(messagesBody('hi')).catch((caught: unknown) => caught);
    const accepted = await client.messages.create(messagesBody('hi'));
    const withHeader = await postMessages(`${server.baseURL}/v1/messages`, messagesBody('hi'), {
      'anthropic-version': '2023-06-01',
      'x-api-key': 'test-key',
    });

    expect(refused).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(refused).toMatchObject({ status: 401, type: 'authentication_error', apiMessage: 'invalid x-api-key' });
    expect(accepted.content).toEqual([{ type: 'text', text: 'You said: hi' }]);
    // @anthropic-ai/sdk 1.x sends an API key as a bearer token.
    expect(server.requests[1]?.headers['authorization']).toBe('Bearer test-key');
    expect(server.requests[1]?.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(withHeader.status).toBe(200);
  });

  it('answers 500 api_error when a rule throws, or returns a fault the format has no use for', async () => {
    const { client } = await startAnthropicTestServer({
      rules: [
        faultRule({ match: /choices/, fault: 'empty-choices' }),
        () => {
          throw new Error('rule exploded');
        },
      ],
    });

    const thrown = await client.messages.create(messagesBody('hi')).catch((caught: unknown) => caught);
    const choices = await client.messages.create(messagesBody('choices')).catch((caught: unknown) => caught);

    expect(thrown).toMatchObject({ status: 500, type: 'api_error', apiMessage: 'An answer rule threw: rule exploded' });
    expect(choices).toMatchObject({ status: 500, type: 'api_error' });
    expect((choices as Error).message).toContain('cannot play');
  });
});

describe('createAnthropicTestServer: faults', () => {
  it('stall: the SDK times out, and the request is freed', async () => {
    const { client, server } = await startAnthropicTestServer({ rules: [faultRule({ fault: 'stall' })] }, { timeout: 100 });

    const error = await client.messages.create(messagesBody('hi')).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Anthropic.APIConnectionTimeoutError);
    expect(await waitUntil(() => server.inFlight === 0)).toBe(true);
  });

  it('reset: half a JSON body then ECONNRESET; a stream breaks after its first events', async () => {
    const { client, server } = await startAnthropicTestServer({ rules: [faultRule({ fault: 'reset' })] });

    const plain = await client.messages.create(messagesBody('hi')).catch((caught: unknown) => caught);
    const stream = await client.messages.create(messagesBody('hi', { stream: true }));
    const types: string[] = [];
    const streamError = await (async () => {
      for await (const event of stream as AsyncIterable<RawStreamEvent>) types.push(event.type);
    })().catch((caught: unknown) => caught);

    expect(plain).toBeInstanceOf(TypeError);
    expect(((plain as Error).cause as NodeJS.ErrnoException).code).toBe('ECONNRESET');
    expect(types).toEqual(['message_start', 'content_block_start']);
    expect(streamError).toBeInstanceOf(TypeError);
    expect(server.requests).toHaveLength(2);
  });

  it('truncated-stream: events stop mid-answer with a clean end; without streaming, malformed JSON', async () => {
    const { client, server } = await startAnthropicTestServer({ rules: [faultRule({ fault: 'truncated-stream' })] });

    const raw = parseEvents(await (await postMessages(`${server.baseURL}/v1/messages`, messagesBody('hi', { stream: true }))).text());
    const helperError = await client.messages.stream(messagesBody('hi')).finalMessage().catch((caught: unknown) => caught);
    const plain = await client.messages.create(messagesBody('hi')).catch((caught: unknown) => caught);

    const names = raw.map(({ event }) => event);
    expect(names.slice(0, 3)).toEqual(['message_start', 'content_block_start', 'ping']);
    expect(names).toContain('content_block_delta');
    expect(names).not.toContain('content_block_stop');
    expect(names).not.toContain('message_stop');
    expect(helperError).toBeInstanceOf(Anthropic.AnthropicError);
    expect(plain).toBeInstanceOf(SyntaxError);
  });

  it('malformed-json and html: 200s that are not a message', async () => {
    const { client } = await startAnthropicTestServer({
      rules: [faultRule({ match: /json/, fault: 'malformed-json' }), faultRule({ match: /html/, fault: 'html' })],
    });

    const malformed = await client.messages.create(messagesBody('json')).catch((caught: unknown) => caught);
    const html = await client.messages.create(messagesBody('html'));

    expect(malformed).toBeInstanceOf(SyntaxError);
    expect(typeof html).toBe('string');
    expect(html as unknown as string).toContain('502 Bad Gateway');
  });

  it('faults option: draws from the Anthropic defaults, with Anthropic status errors', async () => {
    const { client, server } = await startAnthropicTestServer({ rules: [echoRule], faults: { rate: 1, kinds: [{ status: 529 }] } });

    const error = await client.messages.create(messagesBody('hi')).catch((caught: unknown) => caught);
    const quiet = await createAnthropicTestServer({ faults: { rate: 0 } });
    await quiet.close();

    expect(error).toMatchObject({ status: 529, type: 'overloaded_error', apiMessage: 'Overloaded' });
    expect(server.faultCounts).toEqual({ '529': 1 });
    expect(Object.keys(quiet.faultCounts).sort()).toEqual(
      ['stall', 'reset', 'truncated-stream', 'malformed-json', 'html', '429', '500', '502', '529'].sort(),
    );
    expect(defaultAnthropicFaultSpecs).toContainEqual({ status: 529 });
  });

  it('faults option: refuses the fault kinds that are about OpenAI choices, naming the field', async () => {
    const error = await createAnthropicTestServer({ faults: { rate: 0.5, kinds: ['reset', 'missing-choices'] } }).catch(
      (caught: unknown) => caught,
    );

    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe('faults');
    expect((error as Error).message).toMatch(/^faults\.kinds\[1\] must be one of stall, reset, truncated-stream, malformed-json, html/);
  });

  it('with maxPerRequest and retries, a client ends with exactly the answers of a clean run', async () => {
    const { client, server } = await startAnthropicTestServer(
      {
        rules: [echoRule],
        faults: {
          rate: 0.5,
          seed: 3,
          maxPerRequest: 2,
          kinds: ['malformed-json', 'html', { status: 529, headers: { 'retry-after-ms': '1' } }],
        },
      },
      { maxRetries: 2 },
    );

    const answers: string[] = [];
    for (let index = 0; index < 12; index++) {
      // The SDK retries only HTTP errors: the malformed and HTML 200s are retried here, as the engine does.
      let answer: unknown;
      for (let attempt = 0; attempt < 3 && typeof (answer as Anthropic.Message | undefined)?.content !== 'object'; attempt++) {
        answer = await client.messages.create(messagesBody(`prompt ${index}`)).catch(() => undefined);
      }
      answers.push(((answer as Anthropic.Message).content[0] as Anthropic.TextBlock).text);
    }

    expect(answers).toEqual(Array.from({ length: 12 }, (_, index) => `You said: prompt ${index}`));
    expect(server.faultsInjected).toBeGreaterThan(0);
  });
});

describe('createAnthropicTestServer: rate limits', () => {
  it('counts requests, sends anthropic-ratelimit headers with RFC 3339 resets, and answers 429 with retry-after', async () => {
    const { client, server } = await startAnthropicTestServer({ rules: [echoRule], rateLimit: { requestsPerMinute: 2 } });
    const ask = () => client.messages.create(messagesBody('hi')).withResponse();

    const before = Date.now();
    const first = await ask();
    const second = await ask();
    const error = await ask().catch((caught: unknown) => caught);

    const headers = first.response.headers;
    expect(headers.get('anthropic-ratelimit-requests-limit')).toBe('2');
    expect(headers.get('anthropic-ratelimit-requests-remaining')).toBe('1');
    expect(second.response.headers.get('anthropic-ratelimit-requests-remaining')).toBe('0');
    const reset = headers.get('anthropic-ratelimit-requests-reset') ?? '';
    expect(reset).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(Date.parse(reset) - before).toBeGreaterThan(50_000);
    expect(Date.parse(reset) - before).toBeLessThanOrEqual(61_000);
    expect(headers.get('anthropic-ratelimit-tokens-limit')).toBeNull();
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    const rateLimitError = error as InstanceType<typeof Anthropic.RateLimitError>;
    expect(rateLimitError.type).toBe('rate_limit_error');
    expect(rateLimitError.apiMessage).toContain('rate limit of 2 requests per minute');
    expect(Number(rateLimitError.headers.get('retry-after'))).toBeGreaterThanOrEqual(50);
    expect(Number(rateLimitError.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(server.rateLimited).toBe(1);
  });

  it('charges input words and max_tokens to separate budgets, reporting the tightest as "tokens"', async () => {
    const { client } = await startAnthropicTestServer({
      rules: [echoRule],
      rateLimit: { inputTokensPerMinute: 100, outputTokensPerMinute: 30 },
    });

    const { response } = await client.messages.create(messagesBody('one two three four', { max_tokens: 20 })).withResponse();
    const rejected = await client.messages.create(messagesBody('hi', { max_tokens: 20 })).catch((caught: unknown) => caught);
    const tooLarge = await client.messages.create(messagesBody('hi', { max_tokens: 31 })).catch((caught: unknown) => caught);

    expect(response.headers.get('anthropic-ratelimit-input-tokens-remaining')).toBe('96');
    expect(response.headers.get('anthropic-ratelimit-output-tokens-remaining')).toBe('10');
    expect(response.headers.get('anthropic-ratelimit-tokens-limit')).toBe('30');
    expect(response.headers.get('anthropic-ratelimit-tokens-remaining')).toBe('10');
    expect(response.headers.get('anthropic-ratelimit-requests-limit')).toBeNull();
    expect((rejected as Error).message).toContain('rate limit of 30 output tokens per minute');
    expect((rejected as InstanceType<typeof Anthropic.RateLimitError>).headers.get('retry-after')).toMatch(/^\d+$/);
    expect((tooLarge as Error).message).toContain('on its own');
    expect((tooLarge as InstanceType<typeof Anthropic.RateLimitError>).headers.get('x-should-retry')).toBe('false');
    expect((tooLarge as InstanceType<typeof Anthropic.RateLimitError>).headers.get('retry-after')).toBeNull();
  });

  it('rejects invalid limits, naming the Anthropic ones', async () => {
    const none = await createAnthropicTestServer({ rateLimit: {} }).catch((caught: unknown) => caught);
    const fractional = await createAnthropicTestServer({ rateLimit: { outputTokensPerMinute: 2.5 } }).catch((caught: unknown) => caught);

    expect((none as InvalidArgumentError).argument).toBe('rateLimit');
    expect((none as Error).message).toContain('inputTokensPerMinute');
    expect((fractional as Error).message).toMatch(/^rateLimit\.outputTokensPerMinute must be a whole number/);
  });
});

describe('createAnthropicTestServer: shared machinery', () => {
  it('records requests with their prompt, and queues beyond capacity', async () => {
    const { client, server } = await startAnthropicTestServer({ rules: [echoRule], capacity: 1, latencyMs: 30 });

    const answers = await Promise.all(['a', 'b', 'c'].map((prompt) => client.messages.create(messagesBody(prompt))));

    expect(answers.map((answer) => (answer.content[0] as Anthropic.TextBlock).text).sort()).toEqual([
      'You said: a',
      'You said: b',
      'You said: c',
    ]);
    expect(server.requests.map((request) => request.path)).toEqual(['/v1/messages', '/v1/messages', '/v1/messages']);
    expect(server.requests.map((request) => request.prompt).sort()).toEqual(['a', 'b', 'c']);
    expect(server.maxProcessing).toBe(1);
    expect(server.maxInFlight).toBe(3);
    expect(server.baseURL).toBe(server.url);
  });
});
