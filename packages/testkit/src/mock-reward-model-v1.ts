import type { ChatMessage, RewardModelV1 } from '@synthkit/core';

/** Options of {@link MockRewardModelV1}. */
export interface MockRewardModelV1Options {
  /** The provider name; `calls[].model` of `runTask` reads `provider:modelId`. @default 'mock' */
  readonly provider?: string;
  /** The model id. @default 'mock-reward' */
  readonly modelId?: string;
  /**
   * How the model scores: a function of the conversation (return the scores, or throw to make the
   * call fail, e.g. an `APICallError` with a status code). Default: every call fails, saying that
   * no scores were given.
   */
  readonly doScore?: (messages: ReadonlyArray<ChatMessage>) => Record<string, number> | PromiseLike<Record<string, number>>;
}

/**
 * A reward model for tests that scores with a function and records what it was asked. Give it to
 * `runTask` under `rewardModels`:
 *
 * ```ts
 * const reward = new MockRewardModelV1({ doScore: (messages) => ({ helpfulness: messages.at(-1)!.content.length }) });
 * await runTask(bestOfN, { models: generator, rewardModels: { reward } });
 * // reward.doScoreCalls[0] is the first conversation scored
 * ```
 */
export class MockRewardModelV1 implements RewardModelV1 {
  readonly specificationVersion = 'v1';
  /** The provider name, `mock` unless given. */
  readonly provider: string;
  /** The model id, `mock-reward` unless given. */
  readonly modelId: string;
  /** Every conversation the model was asked to score, in order, failed calls included. */
  readonly doScoreCalls: Array<ReadonlyArray<ChatMessage>> = [];
  private readonly scorer: MockRewardModelV1Options['doScore'];

  constructor(options: MockRewardModelV1Options = {}) {
    this.provider = options.provider ?? 'mock';
    this.modelId = options.modelId ?? 'mock-reward';
    this.scorer = options.doScore;
  }

  /** Records the conversation in {@link doScoreCalls}, then scores it with the `doScore` option. */
  async doScore({ messages }: { readonly messages: ReadonlyArray<ChatMessage>; readonly signal?: AbortSignal }): Promise<{
    scores: Record<string, number>;
  }> {
    this.doScoreCalls.push(messages.map((message) => ({ ...message })));
    if (this.scorer == null) {
      throw new Error(`MockRewardModelV1 ${this.provider}:${this.modelId} was called but has no doScore function. Pass doScore: (messages) => ({ helpfulness: 3.1 }).`);
    }
    return { scores: await this.scorer(messages) };
  }
}
