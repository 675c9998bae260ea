import {
  APICallError,
  type FinishReason,
  type LanguageModelV1,
  type LanguageModelV1CallOptions,
  type LanguageModelV1Result,
} from '@synthkit/core';
import { expect, it } from 'vitest';
import type { ConformanceFeature } from '../conformance-feature';
import { findJsonSchemaIssues } from './find-json-schema-issues';

/**
 * Where the contract checks get their model: in process, from the author's `createModel()`; over
 * HTTP, from a provider pointed at a fresh loopback server that answers the contract's prompts.
 */
export interface ContractHarness {
  /** A model ready for one check. Called once per check. */
  model(): Promise<LanguageModelV1>;
  /** Texts the model's endpoint must never contain (the suite's API key, over HTTP). */
  readonly secrets: ReadonlyArray<string>;
  /** What the provider declares it supports. */
  readonly features: ReadonlySet<ConformanceFeature>;
}

/** One check of the contract: a vitest test, skipped when the provider lacks its feature. */
export interface ContractCheck {
  /** Stable name, for the suite's own tests. */
  readonly id: string;
  /** The test title. */
  readonly title: string;
  /** The feature the check needs, if any. */
  readonly feature?: ConformanceFeature;
  run(harness: ContractHarness): Promise<void>;
}

/**
 * The prompts of the contract that need a particular answer from an HTTP harness's server: a long
 * answer (the echo of a long prompt is one), JSON of {@link contractSchema}, and an answer that
 * takes long enough to abort.
 */
export const contractPrompts = {
  long: 'Write a long story about a lighthouse keeper and the winter storms, in at least five paragraphs.',
  structured: 'Describe a lighthouse keeper as JSON.',
  abortable: 'Tell the whole history of the world, year by year, in as many words as you can.',
} as const;

/**
 * The schema of the structured-output check: strings, an enum, a boolean and an array, bounded so
 * that a grammar-constrained model finishes its JSON well within the call's `maxTokens`.
 */
export const contractSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', maxLength: 12 },
    mood: { type: 'string', enum: ['calm', 'busy', 'tired'] },
    ready: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string', maxLength: 6 }, maxItems: 3 },
  },
  required: ['name', 'mood', 'ready', 'tags'],
  additionalProperties: false,
} as const;

/** An answer of {@link contractSchema}, for servers that answer the structured-output check. */
export const contractSchemaExample = { name: 'Ada', mood: 'calm', ready: true, tags: ['kind'] };

/** How long into a call asking for a long answer the abort check aborts it, in milliseconds. */
const abortDelayMs = 10;

/** How soon a call must fail once its signal aborts, in milliseconds. */
const abortDeadlineMs = 1_000;

/** What every `LanguageModelV1` must do, whatever carries its calls. */
export const languageModelContractChecks: ReadonlyArray<ContractCheck> = [
  {
    id: 'specification',
    title: 'is a v1 model with a provider id, a model id, and an endpoint without credentials',
    async run({ model: createModel, secrets }) {
      const model = await createModel();
      expect(model.specificationVersion).toBe('v1');
      expect(model.provider, 'the provider id, lower-case letters, digits and dashes').toMatch(/^[a-z][a-z0-9-]*$/);
      expect(typeof model.modelId === 'string' && model.modelId.length > 0, 'modelId must be a non-empty string').toBe(true);
      if (model.endpoint != null) {
        expect(typeof model.endpoint === 'string' && model.endpoint.length > 0, 'endpoint, when set, must be a non-empty string').toBe(true);
        for (const secret of secrets) expect(model.endpoint, 'the endpoint must not contain the API key').not.toContain(secret);
        expect(credentialsIn(model.endpoint), `the endpoint ${model.endpoint} must not carry credentials`).toEqual([]);
      }
      for (const member of ['maxChoicesPerCall', 'defaultConcurrency'] as const) {
        const value = model[member];
        if (value != null) expect(Number.isInteger(value) && value >= 1, `${member} must be a whole number from 1, got ${value}`).toBe(true);
      }
    },
  },
  {
    id: 'prompt',
    title: 'answers a prompt with a non-empty text, a finish reason and token counts',
    async run({ model: createModel }) {
      const model = await createModel();
      expectAnswers(await generate(model, { prompt: 'Write one sentence about the sea.', params: { maxTokens: 32 } }), 1);
    },
  },
  {
    id: 'messages',
    title: 'answers a conversation with a non-empty text, a finish reason and token counts',
    async run({ model: createModel }) {
      const model = await createModel();
      const messages = [
        { role: 'system' as const, content: 'You are terse.' },
        { role: 'user' as const, content: 'Name a colour.' },
        { role: 'assistant' as const, content: 'Blue.' },
        { role: 'user' as const, content: 'Another one.' },
      ];
      expectAnswers(await generate(model, { messages, params: { maxTokens: 32 } }), 1);
    },
  },
  {
    id: 'warnings',
    title: 'warns that topK and seed were not used, unless it declares them supported',
    async run({ model: createModel, features }) {
      const model = await createModel();
      const result = await generate(model, { prompt: 'Name a colour.', params: { maxTokens: 16, temperature: 0.5, topP: 0.9, seed: 7, topK: 11 } });
      for (const warning of result.warnings ?? []) {
        expect(['unsupported-setting', 'other'], `the type of warning ${JSON.stringify(warning)}`).toContain(warning.type);
        expect(typeof warning.message === 'string' && warning.message.length > 0, `warning ${JSON.stringify(warning)} needs a message`).toBe(true);
      }
      const warned = (setting: string) => (result.warnings ?? []).some((warning) => warning.setting === setting);
      for (const setting of ['seed', 'topK'] as const) {
        if (features.has(setting)) expect(warned(setting), `no warning about ${setting}, which the provider declares it supports`).toBe(false);
        else expect(warned(setting), `a warning that ${setting} was not used (or declare the feature "${setting}")`).toBe(true);
      }
    },
  },
  {
    id: 'choices',
    title: 'returns n choices, or declares how many one call can hold',
    async run({ model: createModel }) {
      const model = await createModel();
      const n = Math.min(3, model.maxChoicesPerCall ?? 3);
      expectAnswers(await generate(model, { prompt: 'Name a colour.', params: { n, maxTokens: 16, temperature: 0.8 } }), n);
    },
  },
  {
    id: 'max-tokens',
    title: 'reports an answer cut off at maxTokens with finish reason length',
    async run({ model: createModel }) {
      const model = await createModel();
      const maxTokens = 2;
      const result = await generate(model, { prompt: contractPrompts.long, params: { maxTokens } });
      expect(result.choices).toHaveLength(1);
      const finishReason = result.choices[0]?.finishReason;
      if (finishReason !== 'length') {
        expect(finishReason, `a long answer cut at maxTokens (${maxTokens}) must end with finish reason length`).toBe('stop');
        expect(
          result.usage.outputTokens,
          `finish reason stop fits only an answer that ended before maxTokens (${maxTokens}); this one was cut there, so its finish reason is length`,
        ).toBeLessThan(maxTokens);
      }
    },
  },
  {
    id: 'activity',
    title: 'reports activity while the answer arrives',
    feature: 'activity',
    async run({ model: createModel }) {
      const model = await createModel();
      let activity = 0;
      await generate(model, { prompt: 'Name a colour.', params: { maxTokens: 16 }, onActivity: () => void activity++ });
      expect(activity, 'calls of onActivity during the call').toBeGreaterThan(0);
    },
  },
  {
    id: 'structured-output',
    title: 'answers a response format with JSON valid against its schema',
    feature: 'structuredOutput',
    async run({ model: createModel }) {
      const model = await createModel();
      const result = await generate(model, {
        prompt: contractPrompts.structured,
        params: { maxTokens: 200 },
        responseFormat: { type: 'json', schema: contractSchema, name: 'lighthouse_keeper' },
      });
      const text = result.choices[0]?.text ?? '';
      let parsed: unknown;
      expect(() => (parsed = JSON.parse(text)), `the answer must be JSON: ${text}`).not.toThrow();
      const issues = findJsonSchemaIssues(parsed, contractSchema);
      expect(issues, `the answer ${text} misses the schema: ${issues.join('; ')}`).toEqual([]);
    },
  },
  {
    id: 'deterministic',
    title: 'gives the same answer to the same call with the same seed',
    feature: 'deterministic',
    async run({ model: createModel }) {
      const model = await createModel();
      const call = { prompt: 'Tell me a short story.', params: { maxTokens: 24, temperature: 0.8, seed: 7 } };
      const first = await generate(model, call);
      const second = await generate(model, call);
      expect(second.choices.map((choice) => choice.text), 'the texts of the same call with the same seed, made twice').toEqual(
        first.choices.map((choice) => choice.text),
      );
    },
  },
  {
    id: 'aborted-signal',
    title: 'refuses a call whose signal has already aborted, promptly and not as a retryable error',
    async run({ model: createModel }) {
      const model = await createModel();
      const controller = new AbortController();
      controller.abort(new Error('aborted by the conformance suite before the call'));
      const startedAt = performance.now();
      const outcome = await settle(() => model.doGenerate({ prompt: 'Name a colour.', params: { maxTokens: 16 }, signal: controller.signal }));
      expect(outcome.status, 'a call whose signal has already aborted must fail').toBe('rejected');
      expect(performance.now() - startedAt, 'milliseconds until the call failed').toBeLessThan(abortDeadlineMs);
      expectNotRetryable(outcome, 'an abort');
    },
  },
  {
    id: 'abort-mid-call',
    title: `stops a call when its signal aborts ${abortDelayMs} ms in, promptly and not as a retryable error, then answers the next call`,
    async run({ model: createModel }) {
      const model = await createModel();
      // A call that answers before the abort cannot show it; another seed may give a longer answer.
      for (const seed of [1, 2, 3]) {
        const controller = new AbortController();
        let abortedAt: number | undefined;
        const timer = setTimeout(() => {
          abortedAt = performance.now();
          controller.abort(new Error(`aborted by the conformance suite ${abortDelayMs} ms into the call`));
        }, abortDelayMs);
        const outcome = await settle(() =>
          model.doGenerate({ prompt: contractPrompts.abortable, params: { maxTokens: 400, temperature: 0.8, seed }, signal: controller.signal }),
        );
        const settledAt = performance.now();
        clearTimeout(timer);
        if (abortedAt == null) {
          if (outcome.status === 'rejected') throw outcome.reason;
          continue;
        }
        expect(outcome.status, 'a call must fail when its signal aborts, not answer').toBe('rejected');
        expect(settledAt - abortedAt, 'milliseconds from the abort until the call failed').toBeLessThan(abortDeadlineMs);
        expectNotRetryable(outcome, 'an abort');
        expectAnswers(await generate(model, { prompt: 'Name a colour.', params: { maxTokens: 16 } }), 1);
        return;
      }
      throw new Error(
        `Every call asking for a long answer was answered within ${abortDelayMs} ms, before the suite could abort it. ` +
          'Give the suite a model whose calls take longer (the mock provider: a latencyMs setting).',
      );
    },
  },
  {
    id: 'empty-conversation',
    title: 'refuses an empty conversation with an error that is not retryable',
    async run({ model: createModel }) {
      const model = await createModel();
      const outcome = await settle(() => model.doGenerate({ messages: [], params: { maxTokens: 16 } }));
      expect(outcome.status, 'a call with no messages is a bad request: it must fail, not answer').toBe('rejected');
      expectNotRetryable(outcome, 'a bad request');
      const { reason } = outcome as PromiseRejectedResult;
      expect(reason instanceof Error && reason.message.length > 0, 'the error must say what is wrong').toBe(true);
    },
  },
];

/** Registers the contract's checks as vitest tests, in the `describe` block being declared. */
export function describeLanguageModelContract(harness: ContractHarness): void {
  for (const check of languageModelContractChecks) {
    const title = check.feature == null ? check.title : `${check.title} (feature "${check.feature}")`;
    it.skipIf(check.feature != null && !harness.features.has(check.feature))(title, () => check.run(harness));
  }
}

// --- Internal helpers ---

const answerFinishReasons: ReadonlyArray<FinishReason> = ['stop', 'length'];

/** A call, turned into a rejected promise if `doGenerate` throws before it returns one. */
async function generate(model: LanguageModelV1, options: LanguageModelV1CallOptions): Promise<LanguageModelV1Result> {
  return model.doGenerate(options);
}

async function settle<Value>(call: () => PromiseLike<Value>): Promise<PromiseSettledResult<Value>> {
  const [outcome] = await Promise.allSettled([Promise.resolve().then(call)]);
  return outcome!;
}

/** `count` choices, each a non-empty text that ended normally, and positive whole token counts. */
function expectAnswers(result: LanguageModelV1Result, count: number): void {
  expect(result.choices, 'the choices of the call').toHaveLength(count);
  result.choices.forEach((choice, index) => {
    expect(typeof choice.text === 'string' && choice.text.trim().length > 0, `choice ${index} must have a non-empty text: ${JSON.stringify(choice.text)}`).toBe(true);
    expect(answerFinishReasons, `the finish reason of choice ${index}`).toContain(choice.finishReason);
  });
  for (const field of ['inputTokens', 'outputTokens'] as const) {
    const tokens = result.usage[field];
    expect(Number.isInteger(tokens) && (tokens ?? 0) > 0, `usage.${field} must be a positive whole number, got ${tokens}`).toBe(true);
  }
}

function expectNotRetryable(outcome: PromiseSettledResult<unknown>, what: string): void {
  if (outcome.status !== 'rejected') return;
  const error: unknown = outcome.reason;
  expect(APICallError.isInstance(error) && error.isRetryable, `${what} must not fail as a retryable APICallError: the engine would send it again`).toBe(
    false,
  );
}

/** Credentials a URL carries: a user name or password, or query parameters named like keys and tokens. */
function credentialsIn(endpoint: string): string[] {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return [];
  }
  return [
    ...(url.username === '' && url.password === '' ? [] : ['a user name or password']),
    ...[...url.searchParams.keys()].filter((name) => /key|token|secret|password|signature|auth/i.test(name)).map((name) => `the ${name} parameter`),
  ];
}
