import {
  APICallError,
  type EmbeddingModelV1,
  type LanguageModelV1,
  type LanguageModelV1CallOptions,
  type LanguageModelV1Result,
  type RewardModelV1,
} from '@synthkit/core';

/**
 * Reward and embedding models dressed as language models, so their calls take the same road
 * through the gateway as a chat call: the endpoint's request window and rate-limit budget, retries
 * with backoff, the response cache (a distinct `variant`, so a reward model's answer is never
 * replayed for a chat request to the same model id), statistics, budgets and the circuit breaker.
 * The answer travels as JSON text in the one choice; {@link readScores} and {@link readEmbeddings}
 * read it back. One adapter per model object, so each model keeps one chain and one endpoint.
 */
export function rewardModelAsLanguageModel(model: RewardModelV1): LanguageModelV1 {
  let adapter = rewardAdapters.get(model);
  if (adapter == null) {
    adapter = {
      ...identityOf(model, 'reward'),
      async doGenerate({ messages, signal }: LanguageModelV1CallOptions): Promise<LanguageModelV1Result> {
        const { scores } = await model.doScore({ messages: messages ?? [], ...(signal == null ? {} : { signal }) });
        const invalid = Object.entries(scores ?? {}).find(([, value]) => typeof value !== 'number' || !Number.isFinite(value));
        if (scores == null || typeof scores !== 'object' || invalid != null || Object.keys(scores).length === 0) {
          throw new APICallError({
            message:
              `${model.provider}:${model.modelId} answered ${invalid == null ? 'no scores' : `a score that is not a finite number (${invalid[0]}: ${String(invalid[1])})`}, ` +
              'so there is nothing to rank by. Check that the model is a reward model.',
            ...(model.endpoint == null ? {} : { url: model.endpoint }),
            isRetryable: false,
          });
        }
        return { choices: [{ text: JSON.stringify(scores), finishReason: 'stop' }], usage: { inputTokens: undefined, outputTokens: undefined } };
      },
    };
    rewardAdapters.set(model, adapter);
  }
  return adapter;
}

/** See {@link rewardModelAsLanguageModel}: the texts go out as one user message each. */
export function embeddingModelAsLanguageModel(model: EmbeddingModelV1): LanguageModelV1 {
  let adapter = embeddingAdapters.get(model);
  if (adapter == null) {
    adapter = {
      ...identityOf(model, 'embedding'),
      async doGenerate({ messages, signal }: LanguageModelV1CallOptions): Promise<LanguageModelV1Result> {
        const texts = (messages ?? []).map((message) => message.content);
        const { embeddings, usage } = await model.doEmbed({ texts, ...(signal == null ? {} : { signal }) });
        const broken = !Array.isArray(embeddings)
          ? 'no list of embeddings'
          : embeddings.length !== texts.length
            ? `${embeddings.length} embeddings for ${texts.length} texts`
            : embeddings.some((vector) => !Array.isArray(vector) || vector.length === 0 || vector.some((value) => !Number.isFinite(value)))
              ? 'an embedding that is not a list of finite numbers'
              : undefined;
        if (broken != null) {
          // A malformed 200 is worth one more try, as for a chat answer without choices.
          throw new APICallError({
            message: `${model.provider}:${model.modelId} answered ${broken}.`,
            ...(model.endpoint == null ? {} : { url: model.endpoint }),
            isRetryable: true,
          });
        }
        return {
          choices: [{ text: JSON.stringify(embeddings), finishReason: 'stop' }],
          usage: { inputTokens: usage?.inputTokens, outputTokens: undefined },
        };
      },
    };
    embeddingAdapters.set(model, adapter);
  }
  return adapter;
}

/** The scores a reward model's adapter answered with. */
export function readScores(result: LanguageModelV1Result): Record<string, number> {
  return JSON.parse(result.choices[0]!.text) as Record<string, number>;
}

/** The vectors an embedding model's adapter answered with, in the order of the texts. */
export function readEmbeddings(result: LanguageModelV1Result): number[][] {
  return JSON.parse(result.choices[0]!.text) as number[][];
}

// --- Internal helpers ---

const rewardAdapters = new WeakMap<RewardModelV1, LanguageModelV1>();
const embeddingAdapters = new WeakMap<EmbeddingModelV1, LanguageModelV1>();

function identityOf(model: RewardModelV1 | EmbeddingModelV1, variant: 'reward' | 'embedding') {
  return {
    specificationVersion: 'v1' as const,
    provider: model.provider,
    modelId: model.modelId,
    variant,
    maxChoicesPerCall: 1,
    ...(model.endpoint == null ? {} : { endpoint: model.endpoint }),
    ...(model.defaultConcurrency == null ? {} : { defaultConcurrency: model.defaultConcurrency }),
  };
}
