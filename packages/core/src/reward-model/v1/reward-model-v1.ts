import type { ChatMessage } from '../../language-model/v1/chat-message';

/**
 * A reward model: scores a conversation (usually ending with the assistant turn to judge) on one or
 * more named attributes, e.g. `{ helpfulness: 3.9, correctness: 4.1 }`.
 */
export interface RewardModelV1 {
  readonly specificationVersion: 'v1';
  readonly provider: string;
  readonly modelId: string;
  doScore(options: { readonly messages: ReadonlyArray<ChatMessage>; readonly signal?: AbortSignal }): PromiseLike<{
    readonly scores: Readonly<Record<string, number>>;
  }>;
}
