import {
  InvalidArgumentError,
  type FinishReason,
  type LanguageModelV1,
  type LanguageModelV1CallOptions,
  type LanguageModelV1Choice,
  type LanguageModelV1Result,
} from '@synthkit/core';
import { createSeededRandom } from './internal/seeded-random';
import { waitForLatency } from './internal/wait-for-latency';
import { writeAnswer } from './internal/write-answer';
import type { MockLatencyRange } from './mock-provider-settings';

/** What a {@link MockLanguageModel} needs; `createMock` builds it from the provider settings. */
export interface MockLanguageModelConfig {
  /** How long each call waits before answering, in milliseconds (see the `latencyMs` setting). Default: 0. */
  readonly latencyMs?: number | MockLatencyRange;
}

/**
 * Characters per token in the mock's usage figures: token counts are estimated as characters / 4,
 * rounded up, the usual rule of thumb for English text with GPT-style tokenizers (and the figure the
 * engine's rate-limit budgets use to reserve tokens).
 */
export const mockCharactersPerToken = 4;

/**
 * A language model that answers every prompt offline, with no network, plausibly enough for a
 * recipe to run end to end: numbered lists of the N items a prompt asks for, YAML conversions that
 * copy a list verbatim, JSON that fits the requested schema, `Yes`/`No` for a yes/no question, and a
 * few sentences otherwise (see the package README for the rules).
 *
 * Answers are deterministic: the same model id, input, response format and parameters (`seed`
 * included) give the same answer; another seed, or another choice of the same call (`n` > 1), gives
 * another. `maxTokens` and `stop` cut answers as an endpoint would. Usage is estimated at
 * {@link mockCharactersPerToken} characters per token.
 *
 * Not the scripted test double of `@synthkit/testkit` (`MockLanguageModelV1`, which plays answers a
 * test gives it): this one writes its own answers.
 */
export class MockLanguageModel implements LanguageModelV1 {
  /** The language model specification this class implements. */
  readonly specificationVersion = 'v1';
  /** Always `mock`. */
  readonly provider = 'mock';
  /** Any id: it names the model in records and reports, and varies the answers. */
  readonly modelId: string;
  private readonly config: MockLanguageModelConfig;

  constructor(modelId: string, config: MockLanguageModelConfig = {}) {
    this.modelId = modelId;
    this.config = config;
  }

  /**
   * Waits the configured latency (aborted by `signal`, rejecting with its reason), then writes one
   * answer per choice (`params.n`, default 1), calling `onActivity` when the answer starts and once
   * per choice, as a streaming endpoint does.
   *
   * The answer is written for the system messages and the last user message (or the `prompt`);
   * `params.stop` cuts a choice before its first stop sequence, and `params.maxTokens` cuts a
   * longer choice to that many tokens with `finishReason: 'length'`.
   *
   * @throws InvalidArgumentError, at once, for an empty conversation (`messages: []`), which a real
   * endpoint refuses too: a recipe that sends one fails under `--mock` as it would for real.
   */
  async doGenerate(options: LanguageModelV1CallOptions): Promise<LanguageModelV1Result> {
    if (options.prompt === undefined && options.messages.length === 0) {
      throw new InvalidArgumentError({
        argument: 'messages',
        message: `The mock model "${this.modelId}" got an empty conversation (messages: []). Send at least one message, or a prompt.`,
      });
    }
    const prompt = promptText(options);
    const seedText = stableJson({
      modelId: this.modelId,
      input: options.prompt ?? options.messages,
      responseFormat: options.responseFormat ?? null,
      // maxTokens and stop only cut the answer: a cut answer is the start of the uncut one.
      params: { ...options.params, maxTokens: undefined, stop: undefined, n: undefined },
    });
    await waitForLatency(this.latencyFor(seedText), options.signal);
    options.onActivity?.();
    const choiceCount = Math.max(1, Math.floor(options.params.n ?? 1));
    const choices: LanguageModelV1Choice[] = [];
    for (let index = 0; index < choiceCount; index += 1) {
      const { text } = writeAnswer(prompt, options.responseFormat, createSeededRandom(`${seedText}\u0000choice ${index}`));
      choices.push(cut(text, options.params.stop, options.params.maxTokens));
      options.onActivity?.();
    }
    const inputCharacters =
      options.prompt !== undefined ? options.prompt.length : options.messages.reduce((sum, message) => sum + message.content.length, 0);
    return {
      choices,
      usage: {
        inputTokens: tokensOf(inputCharacters),
        outputTokens: choices.reduce((sum, choice) => sum + tokensOf(choice.text.length), 0),
      },
      response: { modelId: this.modelId, requestId: `mock-${createSeededRandom(seedText).integer(0, 0xffffffff).toString(16).padStart(8, '0')}` },
    };
  }

  /** The latency of one call, in milliseconds: fixed, or drawn from the range by the call itself. */
  private latencyFor(seedText: string): number {
    const latency = this.config.latencyMs ?? 0;
    if (typeof latency === 'number') return latency;
    return latency.min + createSeededRandom(`${seedText}\u0000latency`).next() * (latency.max - latency.min);
  }
}

// --- Internal helpers ---

/** The text the answer is written for: every system message, then the last user message. */
function promptText(options: LanguageModelV1CallOptions): string {
  if (options.prompt !== undefined) return options.prompt;
  const system = options.messages.filter((message) => message.role === 'system').map((message) => message.content);
  const lastUser = options.messages.findLast((message) => message.role === 'user')?.content ?? options.messages.at(-1)?.content ?? '';
  return [...system, lastUser].join('\n\n');
}

function cut(text: string, stop: ReadonlyArray<string> | undefined, maxTokens: number | undefined): LanguageModelV1Choice {
  let result = text;
  for (const sequence of stop ?? []) {
    const position = sequence === '' ? -1 : result.indexOf(sequence);
    if (position !== -1) result = result.slice(0, position);
  }
  let finishReason: FinishReason = 'stop';
  if (maxTokens != null && tokensOf(result.length) > maxTokens) {
    result = result.slice(0, Math.max(0, maxTokens) * mockCharactersPerToken);
    finishReason = 'length';
  }
  return { text: result, finishReason };
}

function tokensOf(characters: number): number {
  return Math.ceil(characters / mockCharactersPerToken);
}

/** JSON with object keys sorted and undefined members left out, so equal requests give equal text. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) =>
    member != null && typeof member === 'object' && !Array.isArray(member)
      ? Object.fromEntries(Object.entries(member).sort(([first], [second]) => (first < second ? -1 : first > second ? 1 : 0)))
      : member,
  );
}
