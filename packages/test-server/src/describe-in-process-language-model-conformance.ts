import type { LanguageModelV1 } from '@synthkit/core';
import { describe } from 'vitest';
import type { InProcessConformanceFeature } from './conformance-feature';
import { describeLanguageModelContract } from './internal/language-model-contract';

/** Options of {@link describeInProcessLanguageModelConformance}. */
export interface InProcessLanguageModelConformanceOptions {
  /** Shown in the test titles, e.g. `@synthkit/provider-llama-cpp`. */
  readonly name: string;
  /**
   * The model under test. Called once per test, inside the test, so it may return models of one
   * provider made in the file's `beforeAll` (a model loaded once for the whole suite) and released
   * in its `afterAll`. May return a promise.
   */
  createModel(): LanguageModelV1 | PromiseLike<LanguageModelV1>;
  /**
   * What the provider supports; the checks of the others are skipped (and `topK` and `seed` must
   * then come back as warnings). Default: every in-process feature (`topK`, `seed`, `activity`,
   * `structuredOutput`, `deterministic`).
   */
  readonly features?: ReadonlyArray<InProcessConformanceFeature>;
}

/**
 * Registers the language-model conformance tests (vitest `describe`/`it`) of a provider with no
 * HTTP API, whose model runs in this process (llama.cpp, the mock) or talks to something the suite
 * cannot stand in for: the model contract, what every `LanguageModelV1` must do for the synthkit
 * engine to schedule, retry, cache and count its calls. HTTP providers pass the same checks, and
 * those of their wire besides, through `describeLanguageModelConformance`.
 *
 * - a v1 model with a provider id, a model id, and an endpoint without credentials (if it has one);
 *   `maxChoicesPerCall` and `defaultConcurrency`, when set, whole numbers from 1;
 * - a prompt and a conversation each get a non-empty answer with finish reason `stop` or `length`
 *   and positive input and output token counts;
 * - `topK` and `seed` it does not support come back as warnings (and those it does, not);
 * - `n` choices (at most the declared `maxChoicesPerCall`) come back as that many choices;
 * - a long answer cut at `maxTokens: 2` ends with finish reason `length` (`stop` only for an answer
 *   shorter than that);
 * - `onActivity` is called during a call (feature `activity`); a response format with a JSON schema
 *   gets JSON of the schema's types and required properties (feature `structuredOutput`); the same
 *   call with the same seed gets the same text (feature `deterministic`);
 * - a call whose signal has aborted, or aborts 10 ms in, fails within a second,
 *   not as a retryable `APICallError`, and the model answers the next call;
 * - an empty conversation (`messages: []`) fails, not as a retryable `APICallError`.
 *
 * No check expects particular words: a model with random weights passes, as long as its answers
 * are not empty and it follows a JSON grammar. Calls ask for at most 200 tokens (most for 32 or
 * fewer), except the abort check's 400, which it aborts. A call asking for a long answer must take
 * longer than 10 ms, so give a mock model some latency.
 *
 * ```ts
 * import { afterAll } from 'vitest';
 * import { describeInProcessLanguageModelConformance } from '@synthkit/testkit/conformance';
 *
 * const provider = createMyLocalProvider({ modelPath: './tiny.gguf' });
 * afterAll(() => provider.dispose());
 * describeInProcessLanguageModelConformance({
 *   name: 'my local provider',
 *   createModel: () => provider.languageModel('tiny'),
 *   features: ['seed', 'activity', 'structuredOutput', 'deterministic'],
 * });
 * ```
 */
export function describeInProcessLanguageModelConformance(options: InProcessLanguageModelConformanceOptions): void {
  const features = new Set<InProcessConformanceFeature>(options.features ?? ['topK', 'seed', 'activity', 'structuredOutput', 'deterministic']);
  describe(`${options.name}: language model conformance (in process)`, () => {
    describeLanguageModelContract({ secrets: [], features, model: async () => options.createModel() });
  });
}
