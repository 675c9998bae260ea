import type {
  LanguageModelV1,
  LanguageModelV1CallOptions,
  LanguageModelV1Request,
  LanguageModelV1Result,
} from '@synthkit/core';

/**
 * One answer of a {@link MockLanguageModelV1}: a full result, or a text. A text answers every
 * requested choice (`params.n`, default 1) with that text and finish reason `stop`, with unknown
 * token counts: `{ choices: [{ text, finishReason: 'stop' }], usage: { inputTokens: undefined, outputTokens: undefined } }`.
 */
export type MockAnswer = string | LanguageModelV1Result;

/** Options of {@link MockLanguageModelV1}. */
export interface MockLanguageModelV1Options {
  /** The provider name; `calls[].model` of `runTask` reads `provider:modelId`. @default 'mock' */
  readonly provider?: string;
  /** The model id. @default 'mock-model' */
  readonly modelId?: string;
  /**
   * The server the model pretends to live on. The engine gives models with the same provider,
   * endpoint and model id one shared request window. Default: none (one endpoint per provider).
   */
  readonly endpoint?: string;
  /**
   * Most choices one call may ask for: the engine splits a larger `params.n` into several calls,
   * each answered (and recorded) on its own. Default: no limit.
   */
  readonly maxChoicesPerCall?: number;
  /**
   * How the model answers:
   * - one answer (a text or a result): every call gets it;
   * - an array of answers: call 1 gets the first, call 2 the second, and so on; a call after the
   *   last fails, naming how many were given;
   * - a function of the call options (signal included): returns or resolves to the answer, or
   *   throws to make the call fail (e.g. an `APICallError` with a status code).
   *
   * Default: every call fails, saying that no answer was given.
   */
  readonly doGenerate?:
    | MockAnswer
    | ReadonlyArray<MockAnswer>
    | ((options: LanguageModelV1CallOptions) => MockAnswer | PromiseLike<MockAnswer>);
}

/**
 * A language model for tests that answers from a script and records what it was asked, like the
 * AI SDK's `MockLanguageModelV3`. Give it to `runTask` (or to any code that takes a
 * `LanguageModelV1`):
 *
 * ```ts
 * const generator = new MockLanguageModelV1({ doGenerate: ['1. Alpha\n2. Beta', '1. Gamma'] });
 * const judge = new MockLanguageModelV1({
 *   doGenerate: ({ messages }) => (messages?.at(-1)?.content.includes('Alpha') ? 'yes' : 'no'),
 * });
 * // ...run the code under test, then check generator.doGenerateCalls[0].messages
 * ```
 */
export class MockLanguageModelV1 implements LanguageModelV1 {
  readonly specificationVersion = 'v1';
  /** The provider name, `mock` unless given. */
  readonly provider: string;
  /** The model id, `mock-model` unless given. */
  readonly modelId: string;
  /** The server it pretends to live on; `undefined` unless given. */
  readonly endpoint?: string;
  /** Most choices per call; `undefined` (no limit) unless given. */
  readonly maxChoicesPerCall?: number;
  /**
   * Every call the model received, in order, failed ones included: the messages (or prompt), the
   * parameters (under `runTask`, the engine's layers already merged, and `n` per part when split)
   * and the response format. The abort signal and the activity callback are left out, so a
   * recorded call compares with `toEqual`; a `doGenerate` function receives them.
   */
  readonly doGenerateCalls: LanguageModelV1Request[] = [];
  private readonly answer: NonNullable<MockLanguageModelV1Options['doGenerate']> | undefined;

  constructor(options: MockLanguageModelV1Options = {}) {
    this.provider = options.provider ?? 'mock';
    this.modelId = options.modelId ?? 'mock-model';
    if (options.endpoint != null) this.endpoint = options.endpoint;
    if (options.maxChoicesPerCall != null) this.maxChoicesPerCall = options.maxChoicesPerCall;
    this.answer = options.doGenerate;
  }

  /** Records the call in {@link doGenerateCalls}, then answers it as the `doGenerate` option says. */
  async doGenerate(options: LanguageModelV1CallOptions): Promise<LanguageModelV1Result> {
    const { signal: _signal, onActivity: _onActivity, ...request } = options;
    this.doGenerateCalls.push(request);
    const answer = await this.answerFor(options, this.doGenerateCalls.length);
    return typeof answer === 'string' ? textResult(answer, options.params.n ?? 1) : answer;
  }

  private answerFor(options: LanguageModelV1CallOptions, callNumber: number): MockAnswer | PromiseLike<MockAnswer> {
    const answer = this.answer;
    const name = `MockLanguageModelV1 ${this.provider}:${this.modelId}`;
    if (answer === undefined) {
      throw new Error(
        `${name} was called but has no answers. Pass doGenerate: a text, a result, a list of them (one per call) or a function of the call options.`,
      );
    }
    if (typeof answer === 'function') return answer(options);
    if (!isAnswerList(answer)) return answer;
    const scripted = answer[callNumber - 1];
    if (scripted === undefined) {
      throw new Error(
        `${name} received call ${callNumber}, but doGenerate lists ${answer.length} answer${answer.length === 1 ? '' : 's'}. ` +
          `Add an answer for every call (a call asking for more choices than maxChoicesPerCall counts once per part), or answer from a function.`,
      );
    }
    return scripted;
  }
}

// --- Internal helpers ---

function isAnswerList(answer: MockAnswer | ReadonlyArray<MockAnswer>): answer is ReadonlyArray<MockAnswer> {
  return Array.isArray(answer);
}

/** A text as a result: the same text for each of the `choices` requested, token counts unknown. */
function textResult(text: string, choices: number): LanguageModelV1Result {
  return {
    choices: Array.from({ length: choices }, () => ({ text, finishReason: 'stop' as const })),
    usage: { inputTokens: undefined, outputTokens: undefined },
  };
}
