import Anthropic, { type APIError } from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import type { AnthropicTestServerOptions } from './create-anthropic-test-server';
import { errorRule } from './error-rule';
import { faultRule } from './fault-rule';
import { textRule } from './text-rule';
import { messagesBody, startAnthropicTestServer } from './test-support/start-anthropic-test-server';

type Params = Anthropic.Messages.MessageCreateParamsNonStreaming;

/** A batch request asking `prompt` (model `test-model`, `max_tokens` 100), with `extra` params. */
function request(customId: string, prompt: string, extra: Partial<Params> = {}): Anthropic.Messages.BatchCreateParams.Request {
  return { custom_id: customId, params: { ...messagesBody(prompt), ...extra } };
}

/** Every line of a batch's results, through the SDK (which reads `results_url` first). */
async function resultsOf(client: Anthropic, id: string): Promise<Anthropic.Messages.MessageBatchIndividualResponse[]> {
  const lines: Anthropic.Messages.MessageBatchIndividualResponse[] = [];
  for await (const line of await client.messages.batches.results(id)) lines.push(line);
  return lines;
}

/** The error a call fails with (the test fails if it succeeds). */
async function failureOf(call: Promise<unknown>): Promise<APIError> {
  try {
    await call;
  } catch (error) {
    return error as APIError;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

const echo = textRule({ match: /.*/, answer: (_match, { prompt }) => `echo ${prompt}` });

describe('createAnthropicTestServer: Message Batches', () => {
  it('runs a batch through the SDK: create, retrieve, then JSONL results with whole messages from the rules', async () => {
    const { server, client } = await startAnthropicTestServer({ rules: [echo] });

    const created = await client.messages.batches.create({
      requests: [request('first', 'one'), request('second', 'two three four', { system: 'Be brief.', max_tokens: 2 })],
    });
    const retrieved = await client.messages.batches.retrieve(created.id);
    const results = await resultsOf(client, created.id);

    expect(created).toEqual({
      id: 'msgbatch_testkit_1',
      type: 'message_batch',
      processing_status: 'ended',
      request_counts: { processing: 0, succeeded: 2, errored: 0, canceled: 0, expired: 0 },
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      ended_at: expect.any(String),
      expires_at: expect.any(String),
      archived_at: null,
      cancel_initiated_at: null,
      results_url: `${server.baseURL}/v1/messages/batches/msgbatch_testkit_1/results`,
    });
    expect(Date.parse(created.expires_at) - Date.parse(created.created_at)).toBe(24 * 3600 * 1000);
    expect(retrieved).toEqual(created);
    expect(results).toEqual([
      {
        custom_id: 'first',
        result: {
          type: 'succeeded',
          message: {
            id: 'msg_testkit_batch1_0',
            type: 'message',
            role: 'assistant',
            model: 'test-model',
            content: [{ type: 'text', text: 'echo one' }],
            stop_reason: 'end_turn',
            stop_sequence: null,
            stop_details: null,
            usage: { input_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 2, service_tier: 'standard' },
          },
        },
      },
      {
        custom_id: 'second',
        // The system prompt counts as input; max_tokens cuts the answer, as online.
        result: { type: 'succeeded', message: expect.objectContaining({ content: [{ type: 'text', text: 'echo two' }], stop_reason: 'max_tokens', usage: expect.objectContaining({ input_tokens: 5 }) }) },
      },
    ]);
    expect(server.batchesCreated).toBe(1);
    expect(server.requests.map((recorded) => `${recorded.method} ${recorded.path}`)).toEqual([
      'POST /v1/messages/batches',
      'GET /v1/messages/batches/msgbatch_testkit_1',
      // The SDK's results() looks at the batch for its results_url first.
      'GET /v1/messages/batches/msgbatch_testkit_1',
      'GET /v1/messages/batches/msgbatch_testkit_1/results',
    ]);
    expect(server.requests[0]?.body).toEqual({ requests: [request('first', 'one'), request('second', 'two three four', { system: 'Be brief.', max_tokens: 2 })] });
  });

  it('answers errors as errored results with the type of their status, and leaves the requests `expire` picks expired', async () => {
    const { client } = await startAnthropicTestServer({
      rules: [
        errorRule({ match: /busy/, status: 429, message: 'Number of requests has exceeded your rate limit.' }),
        errorRule({ match: /overloaded/, status: 529, message: 'Overloaded' }),
        errorRule({ match: /bad/, status: 400, message: 'prompt is too long' }),
        faultRule({ match: /broken/, fault: 'reset' }),
        echo,
      ],
      batches: { expire: ({ customId, batchId, prompt }) => customId === 'late' && batchId === 'msgbatch_testkit_1' && prompt === 'ok' },
    });

    const created = await client.messages.batches.create({
      requests: ['ok', 'late', 'busy', 'overloaded', 'bad', 'broken'].map((id) => request(id, id === 'late' ? 'ok' : id)),
    });
    const results = Object.fromEntries((await resultsOf(client, created.id)).map((line) => [line.custom_id, line.result]));

    expect(created.request_counts).toEqual({ processing: 0, succeeded: 1, errored: 4, canceled: 0, expired: 1 });
    expect(results['ok']).toMatchObject({ type: 'succeeded', message: { content: [{ type: 'text', text: 'echo ok' }] } });
    expect(results['late']).toEqual({ type: 'expired' });
    expect(results['busy']).toEqual({
      type: 'errored',
      error: { type: 'error', error: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit.' } },
    });
    expect(results['overloaded']).toMatchObject({ type: 'errored', error: { error: { type: 'overloaded_error' } } });
    expect(results['bad']).toMatchObject({ type: 'errored', error: { error: { type: 'invalid_request_error', message: 'prompt is too long' } } });
    // A fault cannot be played inside a batch: it is the server's own error.
    expect(results['broken']).toMatchObject({ type: 'errored', error: { error: { type: 'api_error' } } });
  });

  it('answers a forced tool with a tool_use message, as online', async () => {
    const { client } = await startAnthropicTestServer({ rules: [() => '{"answer": 42}'] });
    const tool = { name: 'response', input_schema: { type: 'object' as const, properties: { answer: { type: 'number' } } } };

    const created = await client.messages.batches.create({ requests: [request('a', 'x', { tools: [tool], tool_choice: { type: 'tool', name: 'response' } })] });
    const [line] = await resultsOf(client, created.id);

    expect(line?.result).toMatchObject({
      type: 'succeeded',
      message: { content: [{ type: 'tool_use', id: 'toolu_testkit_batch1_0', name: 'response', input: { answer: 42 } }], stop_reason: 'tool_use' },
    });
  });

  it('keeps a batch in progress until its delay has passed, with no results yet; a cancel makes it canceling, then ended', async () => {
    const { server, client } = await startAnthropicTestServer({ rules: [echo], batches: { completionDelayMs: 60_000 } });

    const created = await client.messages.batches.create({ requests: [request('a', 'x'), request('b', 'y')] });
    const early = await failureOf(fetch(`${server.baseURL}/v1/messages/batches/${created.id}/results`, { headers: { 'anthropic-version': '2023-06-01' } }).then(rejectUnlessOk));
    const sdkEarly = await failureOf(resultsOf(client, created.id));
    const canceling = await client.messages.batches.cancel(created.id);
    const ended = await client.messages.batches.retrieve(created.id);

    expect(created).toMatchObject({ processing_status: 'in_progress', request_counts: { processing: 2, succeeded: 0 }, ended_at: null, results_url: null });
    expect(early).toMatchObject({ status: 404, body: { type: 'error', error: { type: 'not_found_error', message: expect.stringContaining('processing_status is in_progress') } } });
    expect(sdkEarly.message).toContain('No batch `results_url`');
    expect(canceling).toMatchObject({ processing_status: 'canceling', cancel_initiated_at: expect.any(String), results_url: null });
    expect(ended).toMatchObject({ processing_status: 'ended', request_counts: { processing: 0, canceled: 2 }, ended_at: expect.any(String) });
    expect(await resultsOf(client, created.id)).toEqual([
      { custom_id: 'a', result: { type: 'canceled' } },
      { custom_id: 'b', result: { type: 'canceled' } },
    ]);
  });

  it('stays canceling for cancelDelayMs', async () => {
    const { client } = await startAnthropicTestServer({ rules: [echo], batches: { completionDelayMs: 60_000, cancelDelayMs: 60_000 } });

    const created = await client.messages.batches.create({ requests: [request('a', 'x')] });
    await client.messages.batches.cancel(created.id);

    expect((await client.messages.batches.retrieve(created.id)).processing_status).toBe('canceling');
  });

  it('refuses invalid submissions with 400 invalid_request_error, as the API words them', async () => {
    const { server, client } = await startAnthropicTestServer({ rules: [echo] });
    const create = (body: unknown) => failureOf(client.messages.batches.create(body as Anthropic.Messages.BatchCreateParams));
    const { max_tokens: _maxTokens, ...noMaxTokens } = messagesBody('x');

    const refusals = [
      await create({}),
      await create({ requests: [] }),
      await create({ requests: [request('has space', 'x')] }),
      await create({ requests: [request('a'.repeat(65), 'x')] }),
      await create({ requests: [request('a', 'x'), request('a', 'y')] }),
      await create({ requests: [{ custom_id: 'a', params: noMaxTokens }] }),
      await create({ requests: [request('a', 'x', { stream: true } as unknown as Partial<Params>)] }),
    ];

    expect(refusals.map((error) => [error.status, (error.error as { error: { type: string } }).error.type])).toEqual(Array(7).fill([400, 'invalid_request_error']));
    expect(refusals.map((error) => (error.error as { error: { message: string } }).error.message)).toEqual([
      'requests: Field required',
      expect.stringContaining('requests: List should have at least 1 item'),
      expect.stringContaining("requests.0.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'"),
      expect.stringContaining('requests.0.custom_id: String should match pattern'),
      expect.stringContaining('requests.1.custom_id: "a" is used by an earlier request'),
      'requests.0.params.max_tokens: Field required',
      'requests.0.params.stream: streaming is not supported in a Message Batch',
    ]);
    expect(server.batchesCreated).toBe(0);
  });

  it('refuses the submissions `refuse` picks in Anthropic\'s format, and unknown batches with 404', async () => {
    const { server, client } = await startAnthropicTestServer({
      rules: [echo],
      batches: {
        refuse: ({ requests }) =>
          requests.length > 1 ? { status: 429, message: 'Too many batch requests in the processing queue.', headers: { 'retry-after': '30' } } : undefined,
      },
    });

    const refused = await failureOf(client.messages.batches.create({ requests: [request('a', 'x'), request('b', 'y')] }));
    const accepted = await client.messages.batches.create({ requests: [request('a', 'x')] });
    const unknown = await failureOf(client.messages.batches.retrieve('msgbatch_nope'));
    const unknownCancel = await failureOf(client.messages.batches.cancel('msgbatch_nope'));

    expect(refused).toMatchObject({ status: 429, error: { type: 'error', error: { type: 'rate_limit_error', message: 'Too many batch requests in the processing queue.' } } });
    expect(refused.headers?.get('retry-after')).toBe('30');
    expect(accepted.id).toBe('msgbatch_testkit_1');
    expect(unknown).toMatchObject({ status: 404, error: { error: { type: 'not_found_error' } } });
    expect(unknownCancel).toMatchObject({ status: 404 });
    expect(server.batchesCreated).toBe(1);
  });

  it('checks the key and the anthropic-version header on the batch endpoints too', async () => {
    const options: AnthropicTestServerOptions = { rules: [echo], apiKey: 'right-key' };
    const { server } = await startAnthropicTestServer(options);
    const wrongKey = new Anthropic({ apiKey: 'wrong-key', baseURL: server.baseURL, maxRetries: 0 });

    const refused = await failureOf(wrongKey.messages.batches.create({ requests: [request('a', 'x')] }));
    const noVersion = await fetch(`${server.baseURL}/v1/messages/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'right-key' },
      body: JSON.stringify({ requests: [request('a', 'x')] }),
    });

    expect(refused).toMatchObject({ status: 401, error: { error: { type: 'authentication_error' } } });
    expect(noVersion.status).toBe(400);
    expect(server.batchesCreated).toBe(0);
  });
});

// --- Helpers ---

/** Rejects with the status and parsed body of a response that is not a 2xx. */
async function rejectUnlessOk(response: Response): Promise<Response> {
  if (response.ok) return response;
  throw Object.assign(new Error(`HTTP ${response.status}`), { status: response.status, body: await response.json() });
}
