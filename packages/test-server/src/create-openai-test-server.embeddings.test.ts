import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { AnswerRequest } from './answer-rule';
import { errorRule } from './error-rule';
import { faultRule } from './fault-rule';
import type { FaultKind } from './fault-kind';
import { textRule } from './text-rule';
import { postRaw, startTestServer, waitUntil } from './test-support/ask-test-server';

/** Little-endian float32s from base64, decoded here independently of the server's encoder. */
function decodeFloat32Base64(text: string): number[] {
  const bytes = Buffer.from(text, 'base64');
  return Array.from({ length: bytes.length / 4 }, (_, index) => bytes.readFloatLE(index * 4));
}

type EmbeddingList = OpenAI.Embeddings.CreateEmbeddingResponse;

describe('createOpenAITestServer: embeddings', () => {
  it('answers float vectors in the OpenAI wire format, one per input, with usage', async () => {
    const { client, server } = await startTestServer();

    const list = await client.embeddings.create({
      model: 'embedder',
      input: ['the cat sat', 'a dog', 'the cat sat'],
      encoding_format: 'float',
    });

    expect(list.object).toBe('list');
    expect(list.model).toBe('embedder');
    expect(list.usage).toEqual({ prompt_tokens: 8, total_tokens: 8 });
    expect(list.data.map((item) => [item.object, item.index])).toEqual([
      ['embedding', 0],
      ['embedding', 1],
      ['embedding', 2],
    ]);
    const [cat, dog, catAgain] = list.data.map((item) => item.embedding);
    expect(cat).toHaveLength(8);
    // A pure function of the text: the same text, the same vector; another text, another one.
    expect(catAgain).toEqual(cat);
    expect(dog).not.toEqual(cat);
    expect(Math.hypot(...(cat ?? []))).toBeCloseTo(1, 5);
    expect(cat?.every((value) => Math.fround(value) === value)).toBe(true);
    expect(server.requests[0]).toMatchObject({ path: '/v1/embeddings', prompt: undefined });
  });

  it('encodes base64 as little-endian float32s, exactly the float vectors', async () => {
    const { server } = await startTestServer();
    const body = { model: 'embedder', input: ['alpha', 'beta gamma'], dimensions: 5 };

    const floats = (await (await fetch(`${server.baseURL}/embeddings`, post(body))).json()) as EmbeddingList;
    const base64 = (await (await fetch(`${server.baseURL}/embeddings`, post({ ...body, encoding_format: 'base64' }))).json()) as {
      data: Array<{ index: number; embedding: string }>;
    };

    expect(floats.data.map((item) => item.embedding.length)).toEqual([5, 5]);
    expect(base64.data.map((item) => typeof item.embedding)).toEqual(['string', 'string']);
    expect(base64.data.map((item) => decodeFloat32Base64(item.embedding))).toEqual(floats.data.map((item) => item.embedding));
  });

  it('is what the SDK decodes when it asks for base64 itself, and takes a single string', async () => {
    const { client, server } = await startTestServer();

    const decodedBySdk = await client.embeddings.create({ model: 'embedder', input: 'one text' });
    const floats = await client.embeddings.create({ model: 'embedder', input: ['one text'], encoding_format: 'float' });

    expect(server.requests[0]?.body).toMatchObject({ encoding_format: 'base64' });
    expect(decodedBySdk.data[0]?.embedding).toEqual(floats.data[0]?.embedding);
  });

  it.each([
    ['an empty input list', { input: [] }, "Invalid 'input'"],
    ['an empty text', { input: ['a', ''] }, "Invalid 'input[1]'"],
    ['token arrays', { input: [[1, 2, 3]] }, 'token arrays'],
    ['more than 2048 texts', { input: Array.from({ length: 2049 }, () => 'x') }, 'maximum length 2048'],
    ['an unknown encoding', { input: 'x', encoding_format: 'hex' }, "'encoding_format'"],
    ['a bad dimensions', { input: 'x', dimensions: 0 }, "'dimensions'"],
    ['no model', { model: '', input: 'x' }, 'model parameter'],
  ])('answers %s with a 400 naming the field', async (_case, fields, text) => {
    const { client } = await startTestServer();

    const error = await client.embeddings
      .create({ model: 'embedder', ...fields } as unknown as OpenAI.Embeddings.EmbeddingCreateParams)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toContain(text);
  });
});

describe('createOpenAITestServer: embeddings and rules', () => {
  it('shows every input to the rules, and fails the request with the first error a rule returns', async () => {
    const seen: Array<Pick<AnswerRequest, 'kind' | 'prompt' | 'choiceIndex'>> = [];
    const { client } = await startTestServer({
      rules: [
        ({ kind, prompt, choiceIndex }) => {
          seen.push({ kind, prompt, choiceIndex });
          return undefined;
        },
        errorRule({ match: /poison/, status: 429, message: 'Slow down', headers: { 'retry-after-ms': '20' }, times: 1 }),
        // A text answer changes nothing for embeddings.
        textRule({ match: /.*/, answer: 'ignored' }),
      ],
    });

    const error = await client.embeddings
      .create({ model: 'e', input: ['fine', 'poison'], encoding_format: 'float' })
      .catch((caught: unknown) => caught);
    const retried = await client.embeddings.create({ model: 'e', input: ['fine', 'poison'], encoding_format: 'float' });
    const alone = await client.embeddings.create({ model: 'e', input: ['poison'], encoding_format: 'float' });

    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after-ms')).toBe('20');
    expect(seen.slice(0, 2)).toEqual([
      { kind: 'embedding', prompt: 'fine', choiceIndex: 0 },
      { kind: 'embedding', prompt: 'poison', choiceIndex: 1 },
    ]);
    expect(retried.data[1]?.embedding).toEqual(alone.data[0]?.embedding);
  });

  it('answers 500 when a rule throws', async () => {
    const { client } = await startTestServer({
      rules: [
        () => {
          throw new Error('rule bug');
        },
      ],
    });

    const error = await client.embeddings.create({ model: 'e', input: 'x' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as Error).message).toContain('rule bug');
  });
});

describe('createOpenAITestServer: embedding faults', () => {
  const body = { model: 'e', input: ['some text', 'more text'], encoding_format: 'base64' };
  const faulty = (fault: FaultKind) => startTestServer({ rules: [faultRule({ fault })] });

  it.each([
    ['malformed-json', 'application/json'],
    ['truncated-stream', 'application/json'],
  ] as const)('%s: a 200 JSON body cut in half', async (fault, contentType) => {
    const { server } = await faulty(fault);

    const response = await postRaw(`${server.baseURL}/embeddings`, body);

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(contentType);
    expect(response.body).toMatch(/^\{"object":"list","data":\[/);
    expect(() => JSON.parse(response.body)).toThrow(SyntaxError);
    expect(response.error).toBeUndefined();
  });

  it('reset: half the body, then ECONNRESET', async () => {
    const { server } = await faulty('reset');

    const response = await postRaw(`${server.baseURL}/embeddings`, body);

    expect(response.status).toBe(200);
    expect(Buffer.byteLength(response.body)).toBeLessThan(Number(response.headers['content-length']));
    expect(response.error?.code).toBe('ECONNRESET');
  });

  it('html, empty-choices and missing-choices: a gateway page, an empty data list, no data list', async () => {
    const html = await postRaw(`${(await faulty('html')).server.baseURL}/embeddings`, body);
    const empty = await postRaw(`${(await faulty('empty-choices')).server.baseURL}/embeddings`, body);
    const missing = await postRaw(`${(await faulty('missing-choices')).server.baseURL}/embeddings`, body);

    expect(html).toMatchObject({ status: 200, body: expect.stringContaining('<h1>502 Bad Gateway</h1>') });
    expect(JSON.parse(empty.body)).toMatchObject({ object: 'list', data: [], model: 'e' });
    expect(JSON.parse(missing.body)).not.toHaveProperty('data');
    expect(JSON.parse(missing.body)).toMatchObject({ object: 'list', usage: { prompt_tokens: 4 } });
  });

  it('stall: never answers, so the SDK times out', async () => {
    const { server } = await faulty('stall');
    const client = new OpenAI({ apiKey: 'k', baseURL: server.baseURL, maxRetries: 0, timeout: 100 });

    const error = await client.embeddings.create({ model: 'e', input: 'x' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
  });

  it('draws random faults for embedding requests too', async () => {
    const { client, server } = await startTestServer({ faults: { rate: 1, kinds: [{ status: 503 }] } });

    const error = await client.embeddings.create({ model: 'e', input: 'x' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as InstanceType<typeof OpenAI.InternalServerError>).status).toBe(503);
    expect(server.faultCounts).toEqual({ '503': 1 });
  });
});

describe('createOpenAITestServer: embedding rate limits and latency', () => {
  it('charges the input words, sends x-ratelimit headers and answers 429 over budget', async () => {
    const { client } = await startTestServer({ rateLimit: { tokensPerMinute: 10, requestsPerMinute: 100 } });

    const { response } = await client.embeddings.create({ model: 'e', input: ['one two three', 'four five six'] }).withResponse();
    const error = await client.embeddings
      .create({ model: 'e', input: ['one two three four five'] })
      .catch((caught: unknown) => caught);

    expect(response.headers.get('x-ratelimit-limit-tokens')).toBe('10');
    expect(response.headers.get('x-ratelimit-remaining-tokens')).toBe('4');
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('99');
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as Error).message).toContain('Rate limit reached for tokens per minute (TPM): Limit 10, Used 6, Requested 5');
  });

  it('keeps an embedding request in flight for its latency, in a capacity slot', async () => {
    const { client, server } = await startTestServer({ latencyMs: 30_000, capacity: 1 });
    const controller = new AbortController();

    const pending = client.embeddings.create({ model: 'e', input: 'x' }, { signal: controller.signal }).catch(() => undefined);
    expect(await waitUntil(() => server.processing === 1)).toBe(true);
    controller.abort();
    await pending;

    expect(await waitUntil(() => server.inFlight === 0)).toBe(true);
  });
});

// --- Internal helpers ---

function post(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
