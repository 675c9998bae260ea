import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APICallError, type LanguageModelV1 } from '@synthkit/core';
import type { AnswerRule } from './answer-rule';
import type { ConformanceFeature } from './conformance-feature';
import { errorRule } from './error-rule';
import { faultRule } from './fault-rule';
import { textRule } from './text-rule';
import { afterEach, describe, expect, it } from 'vitest';
import { openAIChatWire, type ConformanceServer, type ConformanceWire } from './conformance-wire';
import { contractPrompts, contractSchemaExample, describeLanguageModelContract } from './internal/language-model-contract';
import type { RecordedRequest } from './recorded-request';

/** Options of {@link describeLanguageModelConformance}. */
export interface LanguageModelConformanceOptions {
  /** Shown in the test titles, e.g. `@synthkit/provider-openai chat`. */
  readonly name: string;
  /** The model under test, pointed at the suite's loopback server. Called once per test. */
  createModel(options: { readonly baseURL: string; readonly apiKey: string }): LanguageModelV1;
  /** The API the provider speaks. Default: {@link openAIChatWire}. */
  readonly wire?: ConformanceWire;
  /**
   * What the provider supports; the checks of the others are skipped (and `topK` and `seed` must
   * then come back as warnings). Default: `topK`, `seed`, `activity`, `rateLimitHeaders` and
   * `structuredOutput` (every feature but `deterministic`, which few APIs promise).
   */
  readonly features?: ReadonlyArray<ConformanceFeature>;
}

/**
 * Registers the language-model conformance tests (vitest `describe`/`it`) of a provider that
 * speaks an HTTP API: what every `LanguageModelV1` must do for the synthkit engine to schedule,
 * retry, cache and count its calls (the model contract, which in-process providers pass through
 * `describeInProcessLanguageModelConformance`), and what an HTTP provider must do besides. Each
 * test starts a loopback server speaking the provider's API, makes real HTTP requests through the
 * provider, and checks what the server received and what the provider returned.
 *
 * The model contract:
 * - a v1 model with a provider id, a model id, and an endpoint without credentials;
 * - a prompt and a conversation each get a non-empty answer, a finish reason and token counts;
 * - unsupported `topK` and `seed` come back as warnings; `n` choices (or a declared
 *   `maxChoicesPerCall`) come back; an answer cut at `maxTokens` ends with finish reason `length`;
 * - activity reports, structured output and determinism, where the provider declares them;
 * - an aborted signal, before or during the call, fails it promptly and not as a retryable error,
 *   and the next call is answered; an empty conversation fails, not as a retryable error.
 *
 * Over HTTP besides:
 * - messages, model id and generation parameters reach the API; answers, finish reasons, usage and
 *   `n` choices come back from it in order; a response format sends its JSON schema;
 * - errors are `APICallError`s the engine can act on: 429 and 5xx retryable (with `retry-after`),
 *   other 4xx not, a refused key never quoted, an unreachable server and a malformed 200 retryable;
 * - rate-limit headers are read; an aborted request is closed at the server.
 *
 * ```ts
 * import { describeLanguageModelConformance } from '@synthkit/testkit/conformance';
 * describeLanguageModelConformance({
 *   name: 'my provider',
 *   createModel: ({ baseURL, apiKey }) => createMyProvider({ baseURL, apiKey }).languageModel('m'),
 *   features: ['seed', 'activity', 'rateLimitHeaders', 'structuredOutput'],
 * });
 * ```
 */
export function describeLanguageModelConformance(options: LanguageModelConformanceOptions): void {
  const wire = options.wire ?? openAIChatWire;
  const features = new Set<ConformanceFeature>(options.features ?? ['topK', 'seed', 'activity', 'rateLimitHeaders', 'structuredOutput']);
  const apiKey = 'sk-conformance-secret-0123456789';
  const servers: ConformanceServer[] = [];
  const start = async (rules: ReadonlyArray<AnswerRule>, extra: Omit<Parameters<ConformanceWire['startServer']>[0], 'rules'> = {}) => {
    const server = await wire.startServer({ rules, ...extra });
    servers.push(server);
    return { server, model: options.createModel({ baseURL: server.baseURL, apiKey }) };
  };
  const echo = textRule({ match: /[\s\S]*/, answer: (match, request) => `answer ${request.choiceIndex}: ${match[0]}` });
  const failureOf = async (promise: PromiseLike<unknown>): Promise<unknown> => {
    try {
      await promise;
    } catch (error) {
      return error;
    }
    throw new Error('expected the call to fail, but it succeeded');
  };

  // The contract's prompts get what their checks need: JSON of the schema, a call that hangs
  // until it is aborted, and the echo of the prompt (a long one for the maxTokens check).
  const contractRules = [
    faultRule({ fault: 'stall', match: exactly(contractPrompts.abortable) }),
    textRule({ match: exactly(contractPrompts.structured), answer: JSON.stringify(contractSchemaExample) }),
    echo,
  ];

  describe(`${options.name}: language model conformance (${wire.name})`, () => {
    afterEach(async () => {
      await Promise.all(servers.splice(0).map((server) => server.close()));
    });

    describe('model contract', () => {
      describeLanguageModelContract({ secrets: [apiKey], features, model: async () => (await start(contractRules)).model });
    });

    describe('over HTTP', () => {
      it('sends the conversation and the model id, and returns the answer, its finish reason and usage', async () => {
        const { server, model } = await start([echo]);
        const messages = [
          { role: 'system' as const, content: 'You are terse.' },
          { role: 'user' as const, content: 'Name a colour.' },
          { role: 'assistant' as const, content: 'Blue.' },
          { role: 'user' as const, content: 'Another one.' },
        ];
        const result = await model.doGenerate({ messages, params: {} });
        expect(wire.messagesOf(lastRequest(server))).toEqual(messages);
        expect(wire.modelOf(lastRequest(server))).toBe(model.modelId);
        expect(result.choices).toEqual([{ text: 'answer 0: Another one.', finishReason: 'stop' }]);
        expect(result.usage.outputTokens).toBeGreaterThan(0);
        expect(result.usage.inputTokens).toBeGreaterThan(0);
      });

      it('sends a prompt as one user message', async () => {
        const { server, model } = await start([echo]);
        const result = await model.doGenerate({ prompt: 'Just this.', params: {} });
        expect(wire.messagesOf(lastRequest(server))).toEqual([{ role: 'user', content: 'Just this.' }]);
        expect(result.choices[0]?.text).toBe('answer 0: Just this.');
      });

      it('sends the generation parameters it supports, and warns about the others', async () => {
        const { server, model } = await start([echo]);
        const result = await model.doGenerate({
          prompt: 'Parameters.',
          params: { temperature: 0.25, topP: 0.5, maxTokens: 40, stop: ['END'], seed: 7, topK: 11 },
        });
        const sent = wire.paramsOf(lastRequest(server));
        expect(sent).toMatchObject({ temperature: 0.25, topP: 0.5, maxTokens: 40, stop: ['END'] });
        const warned = (setting: string) => (result.warnings ?? []).some((warning) => warning.setting === setting);
        for (const [feature, setting, value] of [
          ['seed', 'seed', 7],
          ['topK', 'topK', 11],
        ] as const) {
          if (features.has(feature)) expect(sent[setting]).toBe(value);
          else expect(warned(setting), `a warning that ${setting} was not sent`).toBe(true);
        }
      });

      it('returns n choices in order, or declares how many one call can hold', async () => {
        const { model } = await start([echo]);
        const n = Math.min(3, model.maxChoicesPerCall ?? 3);
        const result = await model.doGenerate({ prompt: 'Choices.', params: { n } });
        expect(result.choices.map((choice) => choice.text)).toEqual(Array.from({ length: n }, (_, index) => `answer ${index}: Choices.`));
      });

      it("reads the API's cut-off answer as finish reason length", async () => {
        const { model } = await start([textRule({ match: /[\s\S]*/, answer: 'one two three four five six' })]);
        const result = await model.doGenerate({ prompt: 'Long.', params: { maxTokens: 2 } });
        expect(result.choices[0]?.finishReason).toBe('length');
      });

      it('fails a 429 with a retryable APICallError that carries retry-after', async () => {
        const { model } = await start([errorRule({ status: 429, message: 'Slow down.', headers: { 'retry-after': '2' } })]);
        const error = await failureOf(model.doGenerate({ prompt: 'Busy?', params: {} }));
        expect(APICallError.isInstance(error)).toBe(true);
        expect(error).toMatchObject({ statusCode: 429, isRetryable: true, retryAfterSeconds: 2 });
      });

      it('fails a 5xx with a retryable APICallError and a 400 with one that is not retryable, quoting the API', async () => {
        const { model } = await start([
          errorRule({ status: 503, message: 'Overloaded.', match: /overload/ }),
          errorRule({ status: 400, message: 'The prompt is too long for this model.' }),
        ]);
        expect(await failureOf(model.doGenerate({ prompt: 'overload', params: {} }))).toMatchObject({ statusCode: 503, isRetryable: true });
        const refused = await failureOf(model.doGenerate({ prompt: 'too long', params: {} }));
        expect(refused).toMatchObject({ statusCode: 400, isRetryable: false });
        expect((refused as Error).message).toContain('The prompt is too long for this model.');
      });

      it('fails a refused key (401) without quoting the key', async () => {
        const { model } = await start([errorRule({ status: 401, message: `Incorrect API key provided: ${apiKey}.` })]);
        const error = await failureOf(model.doGenerate({ prompt: 'Key?', params: {} }));
        expect(error).toMatchObject({ statusCode: 401, isRetryable: false });
        expect(JSON.stringify({ message: (error as Error).message, body: (error as APICallError).responseBody })).not.toContain(apiKey);
      });

      it('fails a malformed or HTML 200 with a retryable APICallError', async () => {
        for (const fault of ['malformed-json', 'html'] as const) {
          const { model } = await start([faultRule({ fault })]);
          const error = await failureOf(model.doGenerate({ prompt: 'Broken?', params: {} }));
          expect(APICallError.isInstance(error), fault).toBe(true);
          expect(error, fault).toMatchObject({ isRetryable: true });
        }
      });

      it('fails with a retryable APICallError without a status when the server cannot be reached', async () => {
        const closed = createServer();
        await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
        const { port } = closed.address() as AddressInfo;
        await new Promise((resolve) => closed.close(resolve));
        const model = options.createModel({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey });
        const error = await failureOf(model.doGenerate({ prompt: 'Anyone?', params: {} }));
        expect(APICallError.isInstance(error)).toBe(true);
        expect(error).toMatchObject({ isRetryable: true });
        expect((error as APICallError).statusCode).toBeUndefined();
      });

      it.skipIf(!features.has('rateLimitHeaders'))('reads the rate-limit headers into result.rateLimit (feature "rateLimitHeaders")', async () => {
        const { model } = await start([echo], { headers: wire.rateLimitHeaders });
        const result = await model.doGenerate({ prompt: 'Limits.', params: {} });
        expect(result.rateLimit).toMatchObject({ limitRequests: 100, remainingRequests: 7, limitTokens: 5000, remainingTokens: 4000 });
      });

      it.skipIf(!features.has('structuredOutput'))('sends a response format with a JSON schema (feature "structuredOutput")', async () => {
        const schema = { type: 'object', properties: { colour: { type: 'string' } }, required: ['colour'], additionalProperties: false };
        const { server, model } = await start([textRule({ match: /[\s\S]*/, answer: '{"colour":"teal"}' })]);
        const result = await model.doGenerate({ prompt: 'A colour as JSON.', params: {}, responseFormat: { type: 'json', schema, name: 'colour' } });
        expect(wire.schemaOf(lastRequest(server))).toEqual(schema);
        expect(JSON.parse(result.choices[0]!.text)).toEqual({ colour: 'teal' });
      });

      it('stops at once when its signal aborts, and the server sees the request go', async () => {
        const { server, model } = await start([echo], { latencyMs: 5000 });
        const controller = new AbortController();
        const startedAt = performance.now();
        const pending = failureOf(model.doGenerate({ prompt: 'Slow.', params: {}, signal: controller.signal }));
        while (server.inFlight === 0) await new Promise((resolve) => setTimeout(resolve, 5));
        controller.abort(new Error('stopped by the test'));
        const error = await pending;
        expect(performance.now() - startedAt).toBeLessThan(2000);
        expect(APICallError.isInstance(error) && error.isRetryable, 'an abort must not look like a retryable API error').toBe(false);
        while (server.inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5));
      });
    });
  });
}

// --- Internal helpers ---

/** A pattern matching exactly `text`, as a rule's `match`. */
function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** The request a call just sent, or an error saying why the server saw none. */
function lastRequest(server: ConformanceServer): RecordedRequest {
  const request = server.requests.at(-1);
  if (request == null) {
    throw new Error(
      `The suite's server at ${server.baseURL} received no request: createModel must point the provider at the baseURL it is given. ` +
        'For a provider with no HTTP API, use describeInProcessLanguageModelConformance.',
    );
  }
  return request;
}
