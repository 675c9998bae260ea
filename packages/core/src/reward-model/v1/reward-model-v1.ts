import type { ChatMessage } from '../../language-model/v1/chat-message';

/**
 * A reward model: scores a conversation (usually ending with the assistant turn to judge) on one or
 * more named attributes, e.g. `{ helpfulness: 3.9, correctness: 4.1 }`.
 */
export interface RewardModelV1 {
  readonly specificationVersion: 'v1';
  readonly provider: string;
  readonly modelId: string;
  /**
   * Which server the model lives on (a base URL without credentials), as for a language model:
   * models with the same provider, endpoint and model id share one request window in the engine.
   * Default: one endpoint per provider name.
   */
  readonly endpoint?: string;
  /** The request window the engine gives the model's endpoint when the recipe does not say (an in-process model's capacity). */
  readonly defaultConcurrency?: number;
  doScore(options: { readonly messages: ReadonlyArray<ChatMessage>; readonly signal?: AbortSignal }): PromiseLike<{
    readonly scores: Readonly<Record<string, number>>;
  }>;
}
