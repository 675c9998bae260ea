import { InvalidArgumentError, type ChatMessage, type RewardModelV1 } from '@synthkit/core';
import { createSeededRandom } from './internal/seeded-random';
import { waitForLatency } from './internal/wait-for-latency';
import type { MockLanguageModelConfig } from './mock-language-model';

/**
 * The attributes the mock reward model scores, the five of NVIDIA's Nemotron reward models, so a
 * recipe written for one runs unchanged under `--mock`.
 */
export const mockRewardAttributes = ['helpfulness', 'correctness', 'coherence', 'complexity', 'verbosity'] as const;

/**
 * A reward model that scores a conversation offline, deterministically: each of
 * {@link mockRewardAttributes} gets a score from 0 to 4 (the range of NVIDIA's reward models)
 * drawn from a hash of the model id and the conversation, so different answers get different
 * scores and the same answer always the same. `verbosity` grows with the last answer's length.
 * The scores say nothing about quality: they let a best-of-n or preference-pair recipe run end to
 * end without a reward endpoint.
 */
export class MockRewardModel implements RewardModelV1 {
  /** The reward model specification this class implements. */
  readonly specificationVersion = 'v1';
  /** Always `mock`. */
  readonly provider = 'mock';
  /** Any id: it names the model in records and reports, and varies the scores. */
  readonly modelId: string;
  private readonly config: MockLanguageModelConfig;

  constructor(modelId: string, config: MockLanguageModelConfig = {}) {
    this.modelId = modelId;
    this.config = config;
  }

  /**
   * Scores the conversation after the configured latency (see the provider's `latencyMs`).
   *
   * @throws InvalidArgumentError for an empty conversation, which a real reward endpoint refuses too.
   */
  async doScore({ messages, signal }: { readonly messages: ReadonlyArray<ChatMessage>; readonly signal?: AbortSignal }): Promise<{
    scores: Record<string, number>;
  }> {
    if (messages.length === 0) {
      throw new InvalidArgumentError({ argument: 'messages', message: `The mock reward model "${this.modelId}" got an empty conversation: send the prompt and the answer to score.` });
    }
    const random = createSeededRandom(JSON.stringify([this.modelId, messages.map((message) => [message.role, message.content])]));
    const latency = this.config.latencyMs ?? 0;
    await waitForLatency(typeof latency === 'number' ? latency : latency.min + random.next() * (latency.max - latency.min), signal);
    const answer = messages.at(-1)?.content ?? '';
    const scores: Record<string, number> = {};
    for (const attribute of mockRewardAttributes) {
      // Two decimals, as the endpoint's log probabilities are usually read.
      const drawn = attribute === 'verbosity' ? Math.min(4, answer.length / 400) + random.next() * 0.5 : random.next() * 4;
      scores[attribute] = Math.round(Math.min(4, drawn) * 100) / 100;
    }
    return { scores };
  }
}
