import { APICallError, InvalidArgumentError } from '@synthkit/core';
import { createOpenAITestServer, errorRule, faultRule, type FaultKind, type OpenAITestServer, type OpenAITestServerOptions } from '@synthkit/test-server';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAI } from './create-openai';
import type { OpenAIEmbeddingModelSettings } from './openai-embedding-model';
import { failureOf, startRawServer, waitUntil } from './test-support/http-test-helpers';

let server: OpenAITestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function modelWith(serverOptions: OpenAITestServerOptions = {}, settings: OpenAIEmbeddingModelSettings = {}) {
  server = await createOpenAITestServer(serverOptions);
  const model = createOpenAI({ baseURL: server.baseURL, apiKey: 'sk-test-secret-key' }).embeddingModel('embedder', settings);
  return { server, model };
}

/**
 * The vectors the server holds for these texts, read as JSON numbers (`encoding_format: "float"`)
 * with a plain fetch: what the model must give back, whatever the encoding.
 */
async function floatVectors(baseURL: string, texts: string[], dimensions?: number): Promise<number[][]> {
  const response = await fetch(`${baseURL}/embeddings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'embedder', input: texts, encoding_format: 'float', ...(dimensions == null ? {} : { dimensions }) }),
  });
  const list = (await response.json()) as { data: Array<{ index: number; embedding: number[] }> };
  return list.data.sort((first, second) => first.index - second.index).map((item) => item.embedding);
}

const texts = ['The cat sat on the mat.', 'A dog barked.', 'Dogs bark, cats sit.'];

describe('OpenAIEmbeddingModel', () => {
  it('asks for base64 and gives back exactly the vectors the server holds, in input order, with usage', async () => {
    const { server, model } = await modelWith();

    const result = await model.doEmbed({ texts });

    expect(server.requests[0]?.path).toBe('/v1/embeddings');
    expect(server.requests[0]?.body).toEqual({ model: 'embedder', input: texts, encoding_format: 'base64' });
    expect(result.embeddings).toEqual(await floatVectors(server.baseURL, texts));
    expect(result.embeddings[0]).toHaveLength(8);
    // Words of the three texts: 6 + 3 + 4.
    expect(result.usage).toEqual({ inputTokens: 13 });
    expect(model).toMatchObject({ provider: 'openai', modelId: 'embedder', maxTextsPerCall: 2048, endpoint: server.baseURL });
  });

  it('gives back the same vectors with encodingFormat float, and sends dimensions', async () => {
    const { server, model } = await modelWith({}, { encodingFormat: 'float', dimensions: 3 });

    const result = await model.doEmbed({ texts });

    expect(server.requests[0]?.body).toEqual({ model: 'embedder', input: texts, encoding_format: 'float', dimensions: 3 });
    expect(result.embeddings).toEqual(await floatVectors(server.baseURL, texts, 3));
    expect(result.embeddings.map((vector) => vector.length)).toEqual([3, 3, 3]);
  });

  it('sends at most maxTextsPerCall texts per request, one request after another, and keeps input order', async () => {
    const { server, model } = await modelWith({}, { maxTextsPerCall: 2 });
    const many = ['one', 'two words', 'three more words', 'four', 'five and six'];

    const result = await model.doEmbed({ texts: many });

    expect(server.requests.map((request) => (request.body as { input: string[] }).input)).toEqual([
      ['one', 'two words'],
      ['three more words', 'four'],
      ['five and six'],
    ]);
    expect(server.maxInFlight).toBe(1);
    expect(result.embeddings).toEqual(await floatVectors(server.baseURL, many));
    expect(result.usage).toEqual({ inputTokens: 1 + 2 + 3 + 1 + 3 });
  });

  it('splits more than 2048 texts by default, the most the API accepts in one request', async () => {
    const { server, model } = await modelWith();
    const many = Array.from({ length: 2050 }, (_, index) => `text ${index}`);

    const result = await model.doEmbed({ texts: many });

    expect(server.requests.map((request) => (request.body as { input: string[] }).input.length)).toEqual([2048, 2]);
    expect(result.embeddings).toHaveLength(2050);
    expect(result.embeddings[2049]).toEqual((await floatVectors(server.baseURL, ['text 2049']))[0]);
  });

  it('sends nothing for no texts', async () => {
    const { server, model } = await modelWith();

    expect(await model.doEmbed({ texts: [] })).toEqual({ embeddings: [] });
    expect(server.requests).toHaveLength(0);
  });

  it('places vectors by their index, reads numbers from a server that ignores the encoding, and leaves unknown usage out', async () => {
    const url = await startRawServer({
      status: 200,
      body: {
        object: 'list',
        data: [
          { object: 'embedding', index: 2, embedding: [0.5, -0.25] },
          { object: 'embedding', index: 0, embedding: 'AACAPwAAAMA=' },
          { object: 'embedding', index: 1, embedding: [1e-7, 3] },
        ],
        model: 'embedder',
      },
    });

    const result = await createOpenAI({ baseURL: url }).embeddingModel('embedder').doEmbed({ texts: ['a', 'b', 'c'] });

    // 'AACAPwAAAMA=' is 1 and -2 as little-endian float32s.
    expect(result).toEqual({ embeddings: [[1, -2], [1e-7, 3], [0.5, -0.25]] });
  });

  it.each([
    ['a repeated index', [{ index: 0, embedding: [1] }, { index: 0, embedding: [2] }], /index 0 is missing, out of range or repeated/],
    ['an index out of range', [{ index: 0, embedding: [1] }, { index: 2, embedding: [2] }], /index 2 is missing, out of range or repeated/],
    ['one vector too few', [{ index: 0, embedding: [1] }], /1 vectors for 2 texts/],
    ['a vector that is not base64 float32s', [{ index: 0, embedding: 'AAA' }, { index: 1, embedding: [1] }], /at index 0 is neither numbers nor base64/],
  ])('turns an answer with %s into a retryable error with status 200', async (_case, data, pattern) => {
    const url = await startRawServer({ status: 200, body: { object: 'list', data, model: 'embedder' } });

    const error = await failureOf(createOpenAI({ baseURL: url }).embeddingModel('embedder').doEmbed({ texts: ['a', 'b'] }));

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 200, isRetryable: true, url: `${url}/embeddings` });
    expect((error as Error).message).toMatch(pattern);
  });

  it.each<[FaultKind, RegExp]>([
    ['html', /not an embedding list \(not JSON\): <html>/],
    ['malformed-json', /not valid JSON/],
    ['missing-choices', /not an embedding list \(no "data" list\)/],
    ['empty-choices', /0 vectors for 3 texts/],
  ])('turns a %s answer into a retryable error with status 200', async (fault, pattern) => {
    const { model } = await modelWith({ rules: [faultRule({ fault })] });

    const error = await failureOf(model.doEmbed({ texts }));

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 200, isRetryable: true });
    expect((error as Error).message).toMatch(pattern);
  });

  it('turns HTTP errors into APICallErrors: 429 retryable with its retry-after, 400 not', async () => {
    const { model } = await modelWith({
      rules: [
        errorRule({ match: /limited/, status: 429, message: 'Rate limit reached', headers: { 'retry-after-ms': '250' } }),
        errorRule({ match: /bad/, status: 400, message: 'Invalid input' }),
      ],
    });

    const limited = (await failureOf(model.doEmbed({ texts: ['limited'] }))) as APICallError;
    const bad = (await failureOf(model.doEmbed({ texts: ['bad'] }))) as APICallError;

    expect(limited).toMatchObject({ statusCode: 429, isRetryable: true, retryAfterSeconds: 0.25 });
    expect(limited.message).toContain('Rate limit reached');
    expect(bad).toMatchObject({ statusCode: 400, isRetryable: false });
    expect(bad.url).toBe(`${server?.baseURL}/embeddings`);
  });

  it('turns a reset connection and a refused one into retryable errors', async () => {
    const { model } = await modelWith({ rules: [faultRule({ fault: 'reset' })] });
    const closed = await createOpenAITestServer();
    await closed.close();

    const reset = (await failureOf(model.doEmbed({ texts }))) as APICallError;
    const refused = (await failureOf(createOpenAI({ baseURL: closed.baseURL }).embeddingModel('e').doEmbed({ texts }))) as APICallError;

    expect(APICallError.isInstance(reset)).toBe(true);
    expect(reset.isRetryable).toBe(true);
    expect(refused).toMatchObject({ statusCode: undefined, isRetryable: true });
    expect(refused.message).toContain('ECONNREFUSED');
  });

  it('names where a refused key came from, and never shows it', async () => {
    const { model } = await modelWith({ rules: [(request) => ({ status: 401, message: `bad key ${request.headers['authorization']}` })] });

    const error = (await failureOf(model.doEmbed({ texts }))) as APICallError;

    expect(error.statusCode).toBe(401);
    expect(error.message).toContain('bad key Bearer [redacted]. The API key came from the apiKey setting');
    expect(`${error.message} ${error.responseBody}`).not.toContain('sk-test-secret-key');
  });

  it('rethrows an abort as it is', async () => {
    const { server, model } = await modelWith({ latencyMs: 30_000 });
    const controller = new AbortController();

    const call = failureOf(model.doEmbed({ texts, signal: controller.signal }));
    await waitUntil(() => server.inFlight === 1);
    controller.abort();

    expect(await call).toBeInstanceOf(OpenAI.APIUserAbortError);
  });

  it.each([
    [{ dimensions: 0 }, 'dimensions'],
    [{ maxTextsPerCall: 1.5 }, 'maxTextsPerCall'],
    [{ encodingFormat: 'hex' }, 'encodingFormat'],
  ])('refuses the invalid setting %j, naming it', (settings, argument) => {
    const create = () => createOpenAI({ baseURL: 'http://127.0.0.1:9/v1' }).embeddingModel('e', settings as OpenAIEmbeddingModelSettings);

    expect(create).toThrow(`Invalid OpenAI embedding model setting: ${argument} must be`);
    try {
      create();
    } catch (error) {
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).argument).toBe(argument);
    }
  });
});
