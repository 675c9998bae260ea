import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LanguageModelMiddlewareV1, LanguageModelV1, LanguageModelV1Request, ModelCallContextV1 } from '@synthkit/core';
import { createOpenAI } from '@synthkit/provider-openai';
import { createOpenAITestServer, errorRule, textRule, type OpenAITestServer, type OpenAITestServerOptions } from '@synthkit/test-server';
import { afterEach, describe, expect, it } from 'vitest';
import { RunStatistics } from '../engine/run-statistics';
import { failureOf } from '../test-support/failure-of';
import { resolveEndpointSettings, type EndpointSettingsDocument } from './endpoint-settings';
import { ModelCallError } from './model-call-error';
import { createModelGateway, type GatewayModel, type ModelGatewayOptions } from './model-gateway';
import { openResponseCache, type ResponseCache } from './response-cache';
import { RunStoppedError } from './run-stopped-error';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(options: OpenAITestServerOptions): Promise<OpenAITestServer> {
  const started = await createOpenAITestServer(options);
  cleanups.push(() => started.close());
  return started;
}

/** A model of the OpenAI provider on the given server, with the endpoint settings a recipe would give. */
function openAIModel(baseURL: string, settings: EndpointSettingsDocument = {}, reference = 'openai:m'): GatewayModel {
  return {
    reference,
    model: createOpenAI({ baseURL, apiKey: 'sk-test' }).languageModel(reference.split(':')[1]!),
    endpoint: resolveEndpointSettings([settings]),
  };
}

function gatewayWith(options: Partial<ModelGatewayOptions> = {}) {
  const statistics = new RunStatistics();
  const controller = new AbortController();
  const stops: RunStoppedError[] = [];
  const gateway = createModelGateway({
    statistics,
    signal: controller.signal,
    onStop: (error) => {
      stops.push(error);
      controller.abort(error);
    },
    ...options,
  });
  let ordinal = 0;
  const call = (overrides: Partial<ModelCallContextV1> = {}): ModelCallContextV1 => ({
    stage: 'ask',
    depth: 0,
    role: 'generator',
    recordId: 'record',
    ordinal: ordinal++,
    signal: controller.signal,
    trace: { attempts: 0, cached: false, waitedMs: 0 },
    ...overrides,
  });
  return { gateway, statistics, stops, call, controller };
}

const ask = (content = 'Hello', params: LanguageModelV1Request['params'] = {}): LanguageModelV1Request => ({
  messages: [{ role: 'user', content }],
  params,
});

describe('model gateway: one request window per endpoint', () => {
  it('never has more requests open at the endpoint than its concurrency, whatever the stages ask', async () => {
    const endpoint = await server({ rules: [textRule({ match: /.*/, answer: 'ok' })], latencyMs: { min: 5, max: 25 } });
    const { gateway, statistics, call } = gatewayWith();
    const model = openAIModel(endpoint.baseURL, { concurrency: 4 });

    // Three stages calling the same endpoint at once, 60 calls in all.
    await Promise.all(
      Array.from({ length: 60 }, (_, index) => gateway.generate(model, ask(`q${index}`), call({ stage: `s${index % 3}`, depth: index % 3 }))),
    );

    expect(endpoint.maxInFlight).toBeLessThanOrEqual(4);
    expect(endpoint.maxInFlight).toBe(4);
    expect(statistics.model('openai:m')).toMatchObject({ calls: 60, requests: 60, inFlight: 0 });
  });

  it('sends each model object its own requests, even when two share a reference and an endpoint', async () => {
    const seen: string[] = [];
    const stub = (name: string): LanguageModelV1 => ({
      specificationVersion: 'v1',
      provider: 'stub',
      modelId: 'm',
      doGenerate: async () => {
        seen.push(name);
        return { choices: [{ text: name, finishReason: 'stop' }], usage: { inputTokens: 1, outputTokens: 1 } };
      },
    });
    const { gateway, call } = gatewayWith();
    const endpoint = resolveEndpointSettings([]);

    await gateway.generate({ reference: 'stub:m', model: stub('first'), endpoint }, ask(), call());
    await gateway.generate({ reference: 'stub:m', model: stub('second'), endpoint }, ask(), call());

    expect(seen).toEqual(['first', 'second']);
    expect(gateway.status()).toHaveLength(1);
  });

  it('serves waiting calls of deeper stages first', async () => {
    const endpoint = await server({ rules: [textRule({ match: /.*/, answer: 'ok' })], latencyMs: 20 });
    const { gateway, call } = gatewayWith();
    const model = openAIModel(endpoint.baseURL, { concurrency: 1 });

    const first = gateway.generate(model, ask('first'), call());
    // While the first holds the only slot, a shallow call queues before a deep one.
    const shallow = gateway.generate(model, ask('shallow'), call({ depth: 0 }));
    const deep = gateway.generate(model, ask('deep'), call({ depth: 3 }));
    await Promise.all([first, shallow, deep]);

    expect(endpoint.requests.map((request) => request.prompt)).toEqual(['first', 'deep', 'shallow']);
  });

  it('shrinks the window when the endpoint answers 429, and never goes over the ceiling', async () => {
    const endpoint = await server({
      rules: [errorRule({ status: 429, message: 'Slow down', headers: { 'retry-after-ms': '10' }, times: 8 }), textRule({ match: /.*/, answer: 'ok' })],
      latencyMs: 10,
    });
    const { gateway, call } = gatewayWith();
    const model = openAIModel(endpoint.baseURL, { concurrency: 8 });

    await Promise.all(Array.from({ length: 16 }, (_, index) => gateway.generate(model, ask(`q${index}`), call())));

    const [status] = gateway.status();
    expect(status?.decreases).toBeGreaterThanOrEqual(1);
    expect(status?.limit).toBeLessThan(8);
    expect(endpoint.maxInFlight).toBeLessThanOrEqual(8);
  });
});

describe('model gateway: retries', () => {
  it('retries 5xx answers and counts every attempt', async () => {
    const endpoint = await server({
      rules: [errorRule({ status: 500, message: 'flaky', times: 2 }), textRule({ match: /.*/, answer: 'ok' })],
    });
    const { gateway, statistics, call } = gatewayWith();
    const context = call();

    const result = await gateway.generate(openAIModel(endpoint.baseURL), ask(), context);

    expect(result.choices[0]?.text).toBe('ok');
    expect(context.trace.attempts).toBe(3);
    expect(endpoint.requests).toHaveLength(3);
    expect(statistics.model('openai:m')).toMatchObject({ calls: 1, requests: 3, retries: 2, failedCalls: 0 });
  });

  it('honours retry-after-ms before trying again', async () => {
    const endpoint = await server({
      rules: [errorRule({ status: 429, message: 'Slow down', headers: { 'retry-after-ms': '300' }, times: 1 }), textRule({ match: /.*/, answer: 'ok' })],
    });
    const { gateway, call } = gatewayWith();
    const startedAt = performance.now();

    await gateway.generate(openAIModel(endpoint.baseURL), ask(), call());

    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(290);
    expect(endpoint.requests).toHaveLength(2);
  });

  it('retries a 200 whose body is not a chat completion', async () => {
    let requests = 0;
    const url = await rawServer((_request, response) => {
      requests++;
      if (requests === 1) {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<html><h1>502 Bad Gateway</h1></html>');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(completion('fine')));
    });
    const { gateway, call } = gatewayWith();
    const model: GatewayModel = {
      reference: 'openai:m',
      model: createOpenAI({ baseURL: url, stream: false }).languageModel('m'),
      endpoint: resolveEndpointSettings([]),
    };

    const result = await gateway.generate(model, ask(), call());

    expect(result.choices[0]?.text).toBe('fine');
    expect(requests).toBe(2);
  });

  it('fails a record at once on a 400, naming the model, URL, status and reason', async () => {
    const endpoint = await server({ rules: [errorRule({ status: 400, message: 'This prompt is too long for the model' })] });
    const { gateway, call, stops } = gatewayWith();

    const error = await failureOf(gateway.generate(openAIModel(endpoint.baseURL), ask(), call()));

    expect(ModelCallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'failed', attempts: 1, statusCode: 400 });
    expect((error as Error).message).toBe(
      `openai:m: OpenAI API call to ${endpoint.baseURL}/chat/completions failed with HTTP 400: This prompt is too long for the model`,
    );
    expect(endpoint.requests).toHaveLength(1);
    expect(stops).toEqual([]);
  });

  it('gives up after max_attempts, saying how many and what the last error was', async () => {
    const endpoint = await server({ rules: [errorRule({ status: 503, message: 'Overloaded' })] });
    const { gateway, call } = gatewayWith();
    const model = openAIModel(endpoint.baseURL, { max_attempts: 3 });
    // One success first, so the endpoint counts as reachable.
    endpoint.requests.length;

    const error = await failureOf(gateway.generate(model, ask(), call()));

    expect(ModelCallError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/^openai:m: no usable answer after 3 attempts \(endpoints\.max_attempts\); the last: .*HTTP 503: Overloaded/);
    expect(endpoint.requests).toHaveLength(3);
  });

  it('abandons a request the endpoint stays silent on, and retries it', async () => {
    let requests = 0;
    const url = await rawServer((_request, response) => {
      requests++;
      if (requests === 1) return; // never answers
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(completion('late but fine')));
    });
    const { gateway, call } = gatewayWith();
    const model: GatewayModel = {
      reference: 'openai:m',
      model: createOpenAI({ baseURL: url, stream: false }).languageModel('m'),
      // Long enough that the second, immediate answer arrives in time on a loaded machine.
      endpoint: resolveEndpointSettings([{ timeout_ms: 1000 }]),
    };
    const context = call();

    const result = await gateway.generate(model, ask(), context);

    expect(result.choices[0]?.text).toBe('late but fine');
    expect(context.trace.attempts).toBe(2);
  });
});

describe('model gateway: errors that stop the run', () => {
  it.each([
    [401, 'Incorrect API key provided', /refused the request.*HTTP 401: Incorrect API key provided\. The API key came from the apiKey setting.*Check the API key/],
    [404, 'The model `m` does not exist', /HTTP 404: The model `m` does not exist.*Check the model id and the base URL/],
  ])('stops the run on HTTP %i with one message saying what to fix', async (status, message, pattern) => {
    const endpoint = await server({ rules: [errorRule({ status, message })] });
    const { gateway, call, stops, controller } = gatewayWith();

    await failureOf(gateway.generate(openAIModel(endpoint.baseURL), ask(), call()));

    expect(stops).toHaveLength(1);
    expect(stops[0]?.reason).toBe('fatal-error');
    expect(stops[0]?.message).toMatch(pattern);
    expect(controller.signal.aborted).toBe(true);
    expect(endpoint.requests).toHaveLength(1);
  });

  it('stops the run when an endpoint that never answered cannot be reached', async () => {
    const closed = await createOpenAITestServer();
    await closed.close();
    const { gateway, call, stops } = gatewayWith();

    await failureOf(gateway.generate(openAIModel(closed.baseURL, { max_attempts: 2 }), ask(), call()));

    expect(stops.map((stop) => stop.reason)).toEqual(['fatal-error']);
    expect(stops[0]?.message).toMatch(/^Cannot reach openai:m at http:\/\/127\.0\.0\.1:\d+\/v1: no request has been answered, 2 attempts failed\./);
  });

  it('trips the circuit breaker when most recent calls fail, once', async () => {
    const endpoint = await server({ rules: [errorRule({ status: 422, message: 'Unprocessable' })] });
    const { gateway, call, stops } = gatewayWith({ circuitBreaker: { window: 10, failureRatio: 0.5 } });
    const model = openAIModel(endpoint.baseURL);

    for (let index = 0; index < 12; index++) await failureOf(gateway.generate(model, ask(`q${index}`), call()));

    expect(stops.map((stop) => stop.reason)).toEqual(['circuit-breaker']);
    expect(stops[0]?.message).toMatch(/^Stopped: 10 of the last 10 model calls failed after their retries/);
  });
});

describe('model gateway: finish reasons, choices and middleware', () => {
  it('refuses an answer cut off at max_tokens when on_length is reject, and asks again once with retry', async () => {
    const endpoint = await server({ rules: [textRule({ match: /.*/, answer: 'one two three four' })] });
    const { gateway, call, statistics } = gatewayWith();

    const refused = await failureOf(gateway.generate(openAIModel(endpoint.baseURL, { on_length: 'reject' }), ask('a', { maxTokens: 2 }), call()));
    expect(ModelCallError.isInstance(refused) && refused.kind).toBe('refused');
    expect((refused as Error).message).toMatch(/cut off at max_tokens \(finish reason length; endpoints\.on_length\)/);

    const retried = await failureOf(
      gateway.generate(openAIModel(endpoint.baseURL, { on_length: 'retry' }, 'openai:n'), ask('b', { maxTokens: 2 }), call()),
    );
    expect((retried as Error).message).toMatch(/, twice\.$/);
    expect(endpoint.requests).toHaveLength(3);
    expect(statistics.model('openai:m').truncated).toBe(1);

    const kept = await gateway.generate(openAIModel(endpoint.baseURL, {}, 'openai:k'), ask('c', { maxTokens: 2 }), call());
    expect(kept.choices[0]).toEqual({ text: 'one two', finishReason: 'length' });
  });

  it('splits n for a model that takes fewer choices per call, and joins the answers', async () => {
    const endpoint = await server({ rules: [textRule({ match: /.*/, answer: (_match, request) => `choice ${request.choiceIndex}` })] });
    const base = createOpenAI({ baseURL: endpoint.baseURL, apiKey: 'k' }).languageModel('m');
    const limited: LanguageModelV1 = {
      specificationVersion: 'v1',
      provider: base.provider,
      modelId: base.modelId,
      endpoint: base.endpoint,
      maxChoicesPerCall: 2,
      doGenerate: (options) => base.doGenerate(options),
    };
    const { gateway, call } = gatewayWith();
    const context = call();

    const result = await gateway.generate({ reference: 'openai:m', model: limited, endpoint: resolveEndpointSettings([]) }, ask('x', { n: 5 }), context);

    expect(result.choices).toHaveLength(5);
    expect(endpoint.requests.map((request) => (request.body as { n?: number }).n)).toEqual([2, 2, 1]);
    expect(result.usage.outputTokens).toBe(10);
    expect(context.trace.attempts).toBe(3);

    // With a seed, each part gets its own (seed, seed + 1, ...): the same seed would repeat the first part's answers.
    await gateway.generate({ reference: 'openai:m', model: limited, endpoint: resolveEndpointSettings([]) }, ask('y', { n: 5, seed: 40 }), call());
    expect(endpoint.requests.slice(3).map((request) => (request.body as { seed?: number }).seed)).toEqual([40, 41, 42]);
  });

  it('runs user middleware inside the statistics and outside the retries', async () => {
    const endpoint = await server({
      rules: [errorRule({ status: 500, message: 'flaky', times: 1 }), textRule({ match: /.*/, answer: (match) => `echo: ${match.input}` })],
    });
    const seen: string[] = [];
    const middleware: LanguageModelMiddlewareV1 = {
      specificationVersion: 'v1',
      name: 'shout',
      transformParams: ({ params }) => ({ ...params, messages: params.messages?.map((message) => ({ ...message, content: message.content.toUpperCase() })) } as LanguageModelV1Request),
      async wrapGenerate({ doGenerate, call }) {
        seen.push(`before ${call.stage}`);
        const result = await doGenerate();
        seen.push(`after ${call.trace.attempts} attempts`);
        return result;
      },
    };
    const { gateway, call } = gatewayWith({ middleware: [middleware] });

    const result = await gateway.generate(openAIModel(endpoint.baseURL), ask('hello'), call());

    expect(result.choices[0]?.text).toBe('echo: HELLO');
    expect(seen).toEqual(['before ask', 'after 2 attempts']);
  });
});

describe('model gateway: structured output', () => {
  const schema = {
    type: 'object',
    properties: { question: { type: 'string', minLength: 5 }, level: { type: 'integer', minimum: 1, maximum: 3 } },
    required: ['question', 'level'],
    additionalProperties: false,
  };
  const askJson = (content: string, params: LanguageModelV1Request['params'] = {}): LanguageModelV1Request => ({
    ...ask(content, params),
    responseFormat: { type: 'json', schema, name: 'question' },
  });
  /** Answers `first` to the question, and `repaired` to the request to fix it. */
  const repairServer = (first: string, repaired: string) =>
    server({
      rules: [
        textRule({ match: /^That answer cannot be used/, answer: repaired }),
        textRule({ match: /.*/, answer: first }),
      ],
    });

  it('sends an answer that does not fit the schema back once, with what was wrong, and uses the fix', async () => {
    const endpoint = await repairServer('{"question":"Why?","level":7}', '```json\n{"question":"Why is the sky blue?","level":2}\n```');
    const { gateway, call, statistics } = gatewayWith();
    const context = call();

    const result = await gateway.generate(openAIModel(endpoint.baseURL), askJson('Ask me something'), context);

    expect(result.choices[0]?.text).toContain('"Why is the sky blue?"');
    expect(endpoint.requests).toHaveLength(2);
    const repair = endpoint.requests[1]!.body as { messages: Array<{ role: string; content: string }>; response_format: unknown };
    expect(repair.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(repair.messages[1]!.content).toBe('{"question":"Why?","level":7}');
    expect(repair.messages[2]!.content).toMatch(/^That answer cannot be used: it does not fit the schema: question: .*>=5 characters; level: .*<=3/);
    expect(repair.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'question', schema } });
    expect(context.trace).toMatchObject({ attempts: 2, repairs: 1 });
    expect(statistics.model('openai:m')).toMatchObject({ calls: 1, requests: 2, formatRepairs: 1, formatFailures: 0 });
  });

  it('refuses the call when the fixed answer still does not fit, saying why', async () => {
    const endpoint = await repairServer('not json at all', '{"question":"Still too"}');
    const { gateway, call, statistics } = gatewayWith();

    const refused = await failureOf(gateway.generate(openAIModel(endpoint.baseURL), askJson('Ask me something'), call()));

    expect(ModelCallError.isInstance(refused) && refused.kind).toBe('refused');
    expect((refused as Error).message).toMatch(/did not fit the response format, even after it was sent back once to be fixed: it does not fit the schema: level: /);
    expect(endpoint.requests).toHaveLength(2);
    expect(statistics.model('openai:m')).toMatchObject({ formatRepairs: 1, formatFailures: 1 });
  });

  it('checks every choice and repairs only the ones that need it', async () => {
    const endpoint = await server({
      rules: [
        textRule({ match: /^That answer cannot be used/, answer: '{"question":"A better question?","level":1}' }),
        textRule({ match: /.*/, answer: (_match, request) => (request.choiceIndex === 1 ? '{"oops":true}' : `{"question":"Question number ${request.choiceIndex}","level":3}`) }),
      ],
    });
    const { gateway, call } = gatewayWith();

    const result = await gateway.generate(openAIModel(endpoint.baseURL), askJson('Ask me three', { n: 3 }), call());

    expect(result.choices.map((choice) => JSON.parse(choice.text).question)).toEqual(['Question number 0', 'A better question?', 'Question number 2']);
    expect(endpoint.requests).toHaveLength(2);
    expect((endpoint.requests[1]!.body as { n?: number }).n).toBe(1);
  });

  it('asks for any JSON object without a schema, and leaves calls without a response format alone', async () => {
    const endpoint = await repairServer('[1, 2]', '{"ok":true}');
    const { gateway, call } = gatewayWith();

    const json = await gateway.generate(openAIModel(endpoint.baseURL), { ...ask('Give JSON'), responseFormat: { type: 'json' } }, call());
    expect(json.choices[0]?.text).toBe('{"ok":true}');
    const plain = await gateway.generate(openAIModel(endpoint.baseURL), ask('Give text'), call());
    expect(plain.choices[0]?.text).toBe('[1, 2]');
    expect(endpoint.requests).toHaveLength(3);
  });

  it('replays both the first answer and its repair from the cache on a re-run', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'synthkit-structured-'));
    cleanups.push(() => rm(directory, { recursive: true, force: true }));
    const endpoint = await repairServer('{"question":"Why?","level":2}', '{"question":"Why is water wet?","level":2}');
    const texts: string[] = [];
    for (let run = 0; run < 2; run++) {
      const cache = await openResponseCache(directory);
      const { gateway, call } = gatewayWith({ cache });
      texts.push((await gateway.generate(openAIModel(endpoint.baseURL), askJson('Ask me something'), call({ ordinal: 0 }))).choices[0]!.text);
      await cache.close();
    }
    expect(texts).toEqual(['{"question":"Why is water wet?","level":2}', '{"question":"Why is water wet?","level":2}']);
    expect(endpoint.requests).toHaveLength(2);
  });
});

describe('model gateway: response cache', () => {
  async function cache(): Promise<ResponseCache> {
    const directory = await mkdtemp(join(tmpdir(), 'synthkit-cache-'));
    const opened = await openResponseCache(directory);
    cleanups.push(() => rm(directory, { recursive: true, force: true }));
    cleanups.push(() => opened.close());
    return opened;
  }

  it('replays a stored answer for the same request, record, stage and ordinal, and sends nothing', async () => {
    const endpoint = await server({ rules: [textRule({ match: /.*/, answer: 'one two three' })] });
    const store = await cache();
    const model = openAIModel(endpoint.baseURL);
    const first = gatewayWith({ cache: store });
    await first.gateway.generate(model, ask('a', { temperature: 0.7 }), first.call({ ordinal: 0 }));

    const second = gatewayWith({ cache: store });
    const replayed = second.call({ ordinal: 0 });
    const result = await second.gateway.generate(model, ask('a', { temperature: 0.7 }), replayed);

    expect(result.choices).toEqual([{ text: 'one two three', finishReason: 'stop' }]);
    expect(replayed.trace).toMatchObject({ cached: true, attempts: 0 });
    expect(endpoint.requests).toHaveLength(1);
    expect(second.statistics.model('openai:m')).toMatchObject({ calls: 1, cacheHits: 1, requests: 0, inputTokens: 0, savedInputTokens: 1, savedOutputTokens: 3 });
    expect(store.statistics().entries).toBe(1);
  });

  it('never collapses deliberate repetition: another ordinal, record, stage or parameter is another request', async () => {
    const endpoint = await server({ rules: [textRule({ match: /.*/, answer: 'ok' })] });
    const store = await cache();
    const model = openAIModel(endpoint.baseURL);
    const { gateway, call } = gatewayWith({ cache: store });

    await gateway.generate(model, ask('a'), call({ ordinal: 0 }));
    await gateway.generate(model, ask('a'), call({ ordinal: 1 }));
    await gateway.generate(model, ask('a'), call({ ordinal: 0, recordId: 'other' }));
    await gateway.generate(model, ask('a'), call({ ordinal: 0, stage: 'other' }));
    await gateway.generate(model, ask('a', { seed: 1 }), call({ ordinal: 0 }));
    await gateway.generate(model, ask('a'), call({ ordinal: 0 }));

    expect(endpoint.requests).toHaveLength(5);
  });

  it('asks again, not the cache, when a finish-reason policy retries a refused answer', async () => {
    const endpoint = await server({ rules: [textRule({ match: /.*/, answer: 'one two three' })] });
    const store = await cache();
    const { gateway, call } = gatewayWith({ cache: store });

    await failureOf(gateway.generate(openAIModel(endpoint.baseURL, { on_length: 'retry' }), ask('a', { maxTokens: 2 }), call({ ordinal: 0 })));

    expect(endpoint.requests).toHaveLength(2);
  });

  it('applies the finish-reason policy to replayed answers too', async () => {
    const endpoint = await server({ rules: [textRule({ match: /.*/, answer: 'one two three' })] });
    const store = await cache();
    const keep = gatewayWith({ cache: store });
    await keep.gateway.generate(openAIModel(endpoint.baseURL), ask('a', { maxTokens: 2 }), keep.call({ ordinal: 0 }));

    const strict = gatewayWith({ cache: store });
    const error = await failureOf(
      strict.gateway.generate(openAIModel(endpoint.baseURL, { on_length: 'reject' }), ask('a', { maxTokens: 2 }), strict.call({ ordinal: 0 })),
    );

    expect(ModelCallError.isInstance(error) && error.kind).toBe('refused');
    expect(endpoint.requests).toHaveLength(1);
  });

  it('sends again but still stores with readCache false (--no-cache)', async () => {
    const endpoint = await server({ rules: [textRule({ match: /.*/, answer: 'ok' })] });
    const store = await cache();
    const model = openAIModel(endpoint.baseURL);

    const refresh = gatewayWith({ cache: store, readCache: false });
    await refresh.gateway.generate(model, ask('a'), refresh.call({ ordinal: 0 }));
    await refresh.gateway.generate(model, ask('a'), refresh.call({ ordinal: 0 }));
    const replay = gatewayWith({ cache: store });
    await replay.gateway.generate(model, ask('a'), replay.call({ ordinal: 0 }));

    expect(endpoint.requests).toHaveLength(2);
  });
});

describe('model gateway: rate limits', () => {
  it('waits for the request budget the endpoint reports in its headers', async () => {
    const endpoint = await server({
      rules: [textRule({ match: /.*/, answer: 'ok' })],
      // 600 requests a minute (10 a second), none left right now.
      headers: { 'x-ratelimit-limit-requests': '600', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '6s' },
    });
    const { gateway, call } = gatewayWith();
    const model = openAIModel(endpoint.baseURL);
    await gateway.generate(model, ask('first'), call());

    const context = call();
    await gateway.generate(model, ask('second'), context);

    // One request's worth refills in 100 ms.
    expect(context.trace.waitedMs).toBeGreaterThanOrEqual(80);
  });

  it('paces requests by a per-minute budget from the recipe', async () => {
    const endpoint = await server({ rules: [textRule({ match: /.*/, answer: 'ok' })] });
    const { gateway, call } = gatewayWith();
    // 60 a minute: a bucket of 60, so pacing shows only once it is empty; take it all first.
    const model = openAIModel(endpoint.baseURL, { requests_per_minute: 60, concurrency: 64 });
    const startedAt = performance.now();
    await Promise.all(Array.from({ length: 60 }, (_, index) => gateway.generate(model, ask(`q${index}`), call())));

    const context = call();
    await gateway.generate(model, ask('one more'), context);

    // One a second: the 61st request cannot start before a second has passed since the first.
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(950);
    expect(context.trace.waitedMs).toBeGreaterThan(0);
    expect(endpoint.requests).toHaveLength(61);
  });
});

// --- Helpers ---

async function rawServer(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const created: Server = createServer(handler);
  await new Promise<void>((resolve) => created.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        created.closeAllConnections();
        created.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(created.address() as AddressInfo).port}/v1`;
}

function completion(text: string) {
  return {
    id: 'chatcmpl-raw',
    object: 'chat.completion',
    created: 0,
    model: 'm',
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
  };
}

describe('model gateway: reward and embedding models', () => {
  it('splits a large embedding batch into calls of maxTextsPerCall, sent at once, vectors back in order', async () => {
    const { gateway, statistics, call } = gatewayWith();
    const batches: string[][] = [];
    let open = 0;
    let most = 0;
    const model = {
      specificationVersion: 'v1' as const,
      provider: 'local',
      modelId: 'embedder',
      maxTextsPerCall: 2,
      async doEmbed({ texts }: { texts: ReadonlyArray<string> }) {
        batches.push([...texts]);
        most = Math.max(most, ++open);
        await new Promise((resolve) => setTimeout(resolve, 10));
        open--;
        return { embeddings: texts.map((text) => [text.length, 1]), usage: { inputTokens: texts.length } };
      },
    };
    const texts = ['a', 'bb', 'ccc', 'dddd', 'eeeee'];
    const traced = call({ role: 'embedder' });
    const { embeddings, usage } = await gateway.embed({ reference: 'local:embedder', model, endpoint: resolveEndpointSettings([{ concurrency: 8 }]) }, texts, traced);

    expect(embeddings).toEqual(texts.map((text) => [text.length, 1]));
    expect(batches).toEqual([['a', 'bb'], ['ccc', 'dddd'], ['eeeee']]);
    expect(most).toBe(3);
    expect(usage.inputTokens).toBe(5);
    expect(traced.trace.attempts).toBe(3);
    expect(statistics.model('local:embedder')).toMatchObject({ requests: 3 });
    expect(await gateway.embed({ reference: 'local:embedder', model, endpoint: resolveEndpointSettings([]) }, [], call())).toEqual({
      embeddings: [],
      usage: { inputTokens: 0, outputTokens: undefined },
    });
  });

  it('refuses a reward answer without finite scores for good, and retries an embedding answer of the wrong length', async () => {
    const { gateway, call } = gatewayWith();
    const endpoint = resolveEndpointSettings([{ max_attempts: 2 }]);
    const reward = { specificationVersion: 'v1' as const, provider: 'local', modelId: 'reward', doScore: async () => ({ scores: { helpfulness: Number.NaN } }) };
    const refused = await failureOf(gateway.score({ reference: 'local:reward', model: reward, endpoint }, [{ role: 'user', content: 'Hi' }], call({ role: 'reward' })));
    expect(ModelCallError.isInstance(refused)).toBe(true);
    expect((refused as Error).message).toContain('a score that is not a finite number (helpfulness: NaN)');

    let attempts = 0;
    const embedder = {
      specificationVersion: 'v1' as const,
      provider: 'local',
      modelId: 'short',
      doEmbed: async ({ texts }: { texts: ReadonlyArray<string> }) => ({ embeddings: ++attempts === 1 ? [] : texts.map(() => [1]) }),
    };
    const traced = call({ role: 'embedder' });
    const { embeddings } = await gateway.embed({ reference: 'local:short', model: embedder, endpoint: { ...endpoint, maxRetryAfterMs: 1 } }, ['x'], traced);
    expect(embeddings).toEqual([[1]]);
    expect(traced.trace.attempts).toBe(2);
  });
});
