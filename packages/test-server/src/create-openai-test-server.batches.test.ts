import OpenAI, { toFile } from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAITestServer, type OpenAITestServer } from './create-openai-test-server';
import { errorRule } from './error-rule';
import { textRule } from './text-rule';
import type { OpenAITestServerOptions } from './create-openai-test-server';

let server: OpenAITestServer | undefined;
afterEach(() => server?.close());

async function start(options: OpenAITestServerOptions): Promise<OpenAI> {
  server = await createOpenAITestServer(options);
  return new OpenAI({ apiKey: 'test', baseURL: server.baseURL, maxRetries: 0 });
}

function jsonl(prompts: Record<string, string>): string {
  return Object.entries(prompts)
    .map(([customId, prompt]) =>
      JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/chat/completions', body: { model: 'm', messages: [{ role: 'user', content: prompt }] } }),
    )
    .join('\n');
}

async function submit(client: OpenAI, prompts: Record<string, string>) {
  const file = await client.files.create({ file: await toFile(Buffer.from(jsonl(prompts)), 'in.jsonl'), purpose: 'batch' });
  return client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
}

async function linesOf(client: OpenAI, fileId: string | null | undefined): Promise<Array<Record<string, any>>> {
  if (fileId == null) return [];
  const text = await (await client.files.content(fileId)).text();
  return text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));
}

describe('createOpenAITestServer: Files and Batches', () => {
  it('runs a job through the SDK: upload, create, then answers by the rules', async () => {
    const client = await start({ rules: [textRule({ match: /.*/, answer: (_match, { prompt }) => `echo ${prompt}` })] });

    const created = await submit(client, { a: 'one', b: 'two words' });
    const done = await client.batches.retrieve(created.id);

    expect(done.status).toBe('completed');
    expect(done.request_counts).toEqual({ total: 2, completed: 2, failed: 0 });
    expect(done.error_file_id).toBeNull();
    const output = await linesOf(client, done.output_file_id);
    expect(output.map((line) => [line['custom_id'], line['response'].status_code, line['response'].body.choices[0].message.content])).toEqual([
      ['a', 200, 'echo one'],
      ['b', 200, 'echo two words'],
    ]);
    expect(output[1]!['response'].body.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 3 });
    expect(server!.batchesCreated).toBe(1);
    expect(server!.requests.map((request) => `${request.method} ${request.path}`)).toContain('POST /v1/batches');
  });

  it('fails the requests an error rule picks and expires the ones `expire` picks, into the error file', async () => {
    const client = await start({
      rules: [errorRule({ match: /bad/, status: 400, message: 'too long' }), errorRule({ match: /busy/, status: 503, message: 'overloaded' }), textRule({ match: /.*/, answer: 'fine' })],
      batches: { expire: ({ customId }) => customId === 'late' },
    });

    const created = await submit(client, { ok: 'hello', late: 'hello', bad: 'bad one', busy: 'busy one' });
    const done = await client.batches.retrieve(created.id);

    expect(done.status).toBe('expired');
    expect(done.request_counts).toEqual({ total: 4, completed: 1, failed: 3 });
    expect((await linesOf(client, done.output_file_id)).map((line) => line['custom_id'])).toEqual(['ok']);
    const errors = await linesOf(client, done.error_file_id);
    expect(errors.map((line) => [line['custom_id'], line['response']?.status_code ?? line['error'].code])).toEqual([
      ['late', 'batch_expired'],
      ['bad', 400],
      ['busy', 503],
    ]);
  });

  it('keeps a job in progress until its delay has passed, and cancels it: cancelling, then its requests end as batch_cancelled', async () => {
    const client = await start({ rules: [textRule({ match: /.*/, answer: 'fine' })], batches: { completionDelayMs: 60_000 } });

    const created = await submit(client, { a: 'x' });
    expect(created.status).toBe('in_progress');
    expect(created.request_counts).toEqual({ total: 1, completed: 0, failed: 0 });
    expect((await client.batches.retrieve(created.id)).status).toBe('in_progress');
    const cancelling = await client.batches.cancel(created.id);
    const cancelled = await client.batches.retrieve(created.id);

    expect(cancelling).toMatchObject({ status: 'cancelling', cancelling_at: expect.any(Number), error_file_id: null });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelled_at: expect.any(Number), request_counts: { total: 1, completed: 0, failed: 1 } });
    expect((await linesOf(client, cancelled.error_file_id)).map((line) => line['error'].code)).toEqual(['batch_cancelled']);
  });

  it('stays cancelling for cancelDelayMs, and refuses the submissions `refuse` picks in OpenAI\'s error format', async () => {
    let submissions = 0;
    const client = await start({
      rules: [textRule({ match: /.*/, answer: 'fine' })],
      batches: {
        completionDelayMs: 60_000,
        cancelDelayMs: 60_000,
        refuse: ({ requests }) => (++submissions === 1 ? { status: 429, message: `too many: ${requests.map((request) => request.prompt).join(', ')}`, headers: { 'retry-after': '7' } } : undefined),
      },
    });

    const refused = await submit(client, { a: 'first prompt' }).catch((error: unknown) => error);
    const created = await submit(client, { a: 'x' });
    await client.batches.cancel(created.id);

    expect(refused).toMatchObject({ status: 429, message: expect.stringContaining('too many: first prompt') });
    expect((refused as { headers: Headers }).headers.get('retry-after')).toBe('7');
    expect((await client.batches.retrieve(created.id)).status).toBe('cancelling');
    expect(server!.batchesCreated).toBe(1);
  });

  it('refuses a job whose input file is unknown or malformed, and an unknown batch id, the way OpenAI does', async () => {
    const client = await start({ rules: [] });

    await expect(client.batches.create({ input_file_id: 'file-nope', endpoint: '/v1/chat/completions', completion_window: '24h' })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('No such file'),
    });
    const file = await client.files.create({ file: await toFile(Buffer.from('{"custom_id":"a"}\n'), 'in.jsonl'), purpose: 'batch' });
    await expect(client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' })).rejects.toMatchObject({ status: 400 });
    await expect(client.batches.retrieve('batch_nope')).rejects.toMatchObject({ status: 404 });
  });
});
