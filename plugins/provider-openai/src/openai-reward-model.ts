import { APICallError, type ChatMessage, type RewardModelV1 } from '@synthkit/core';
import { redactURL } from '@synthkit/provider-utils';
import { toOpenAICallError } from './internal/to-openai-call-error';
import { openAIClientOf, type OpenAIModelConfig } from './openai-model-config';

/**
 * A reward model behind an OpenAI-compatible chat endpoint that answers with its scores as log
 * probabilities, as NVIDIA's reward models do (`nvidia/nemotron-4-340b-reward` on build.nvidia.com
 * or a NIM): the conversation goes out as a plain chat completion request, and each attribute
 * (helpfulness, correctness, coherence, complexity, verbosity) comes back as a "token" of the
 * choice's `logprobs.content` whose `logprob` is its score. Create it with
 * `createOpenAI(settings).rewardModel(modelId)`; creating it makes no request.
 */
export class OpenAIRewardModel implements RewardModelV1 {
  /** The reward model specification this class implements. */
  readonly specificationVersion = 'v1';
  /** Always `openai`: the provider is the wire protocol, not the vendor. */
  readonly provider = 'openai';
  /** Model id sent as `model`, e.g. `nvidia/nemotron-4-340b-reward`. */
  readonly modelId: string;
  /** The base URL, without credentials or query. */
  readonly endpoint: string;
  private readonly config: OpenAIModelConfig;

  constructor(modelId: string, config: OpenAIModelConfig) {
    this.modelId = modelId;
    this.config = config;
    this.endpoint = redactURL(config.client.baseURL.replace(/\/+$/, ''));
  }

  /**
   * Scores a conversation, usually a user turn and the assistant answer to judge. Returns every
   * attribute the model scored, by name.
   *
   * @throws APICallError when the API answers an error or cannot be reached (as the chat model
   * does), and a non-retryable one when the answer carries no log probabilities: the model is then
   * not a reward model, and asking again would not change that. The abort error as it is when
   * `signal` aborts the call.
   */
  async doScore({ messages, signal }: { readonly messages: ReadonlyArray<ChatMessage>; readonly signal?: AbortSignal }): Promise<{
    scores: Record<string, number>;
  }> {
    const url = `${this.endpoint}/chat/completions`;
    let completion: unknown;
    try {
      const client = await openAIClientOf(this.config.client);
      completion = await client.chat.completions.create(
        { model: this.modelId, messages: messages.map((message) => ({ role: message.role, content: message.content })) },
        { signal: signal ?? null },
      );
    } catch (error) {
      throw await toOpenAICallError(error, { config: this.config, url, signal });
    }
    return { scores: scoresOf(completion, url, this.modelId) };
  }
}

// --- Internal helpers ---

function scoresOf(completion: unknown, url: string, modelId: string): Record<string, number> {
  const choice = (completion as { choices?: Array<{ logprobs?: { content?: unknown } | null }> } | null)?.choices?.[0];
  if (choice == null) {
    throw new APICallError({
      message: `OpenAI API call to ${url} answered a 200 without choices, so there are no scores to read.`,
      url,
      statusCode: 200,
      isRetryable: true,
    });
  }
  const tokens = choice.logprobs?.content;
  if (!Array.isArray(tokens) || tokens.length === 0) {
    throw new APICallError({
      message:
        `OpenAI API call to ${url}: the answer of ${modelId} has no log probabilities, so it is probably not a reward model ` +
        '(reward models such as nvidia/nemotron-4-340b-reward return their scores as logprobs). ' +
        'Check the model id, or use a judge task with a chat model instead.',
      url,
      statusCode: 200,
      isRetryable: false,
    });
  }
  const scores: Record<string, number> = {};
  for (const entry of tokens as Array<{ token?: unknown; logprob?: unknown }>) {
    if (typeof entry?.token === 'string' && typeof entry.logprob === 'number' && Number.isFinite(entry.logprob)) {
      scores[entry.token] = entry.logprob;
    }
  }
  return scores;
}
