/**
 * Test-only (not exported from the package): an in-process model that keeps the model contract,
 * and the ways it can be made to break it, for the conformance suite's own tests.
 */
import {
  APICallError,
  InvalidArgumentError,
  type LanguageModelV1,
  type LanguageModelV1CallOptions,
  type LanguageModelV1Result,
} from '@synthkit/core';

/** One way the reference model breaks the contract. */
export type ContractBreach =
  /** Answers with an empty text. */
  | 'empty-answer'
  /** Does not warn about `topK`, which it does not use. */
  | 'silent-top-k'
  /** Gives one choice whatever `n` asks for. */
  | 'one-choice'
  /** Reports an answer it cut at `maxTokens` with finish reason `stop`. */
  | 'cut-as-stop'
  /** Never calls `onActivity`. */
  | 'no-activity'
  /** Answers a response format with text that is not JSON. */
  | 'prose-for-json'
  /** Answers a response format with JSON whose `ready` is a string. */
  | 'wrong-json-type'
  /** Varies its answer from call to call, seed or not. */
  | 'random'
  /** Finishes its answer although the signal aborted. */
  | 'ignores-abort'
  /** Fails an aborted call with a retryable APICallError. */
  | 'abort-as-retryable'
  /** Answers an empty conversation. */
  | 'answers-empty-conversation'
  /** Puts its API key in the endpoint. */
  | 'key-in-endpoint';

/** Options of {@link createReferenceLanguageModel}. */
export interface ReferenceLanguageModelOptions {
  /** How long each call waits before answering, in milliseconds. Default: 30. */
  readonly latencyMs?: number;
  /** The contract it breaks. Default: none. */
  readonly breach?: ContractBreach;
}

/** The features the reference model declares: every in-process one but `topK`, which it warns about. */
export const referenceFeatures = ['seed', 'activity', 'structuredOutput', 'deterministic'] as const;

/**
 * A model that answers `answer <choice>: <prompt>` (its words cut to `maxTokens`), JSON of a fixed
 * `{ name, mood, ready, tags }` object for a response format, after a latency the signal aborts;
 * usage counts words. Unless told to break it, it keeps the model contract.
 */
export function createReferenceLanguageModel({ latencyMs = 30, breach }: ReferenceLanguageModelOptions = {}): LanguageModelV1 {
  let calls = 0;
  return {
    specificationVersion: 'v1',
    provider: 'reference',
    modelId: 'echo',
    endpoint: breach === 'key-in-endpoint' ? 'https://reference.example/v1?api_key=secret' : 'https://reference.example/v1',
    async doGenerate(options: LanguageModelV1CallOptions): Promise<LanguageModelV1Result> {
      calls++;
      const { signal, params } = options;
      if (options.prompt === undefined && options.messages.length === 0 && breach !== 'answers-empty-conversation') {
        throw new InvalidArgumentError({ argument: 'messages', message: 'The conversation is empty.' });
      }
      await wait(latencyMs, breach === 'ignores-abort' ? undefined : signal);
      if (signal?.aborted && breach !== 'ignores-abort') throw abortError(signal, breach);
      if (breach !== 'no-activity') options.onActivity?.();
      const prompt = options.prompt ?? options.messages.findLast((message) => message.role === 'user')?.content ?? '';
      const choiceCount = breach === 'one-choice' ? 1 : (params.n ?? 1);
      const choices = Array.from({ length: choiceCount }, (_, index) => {
        if (options.responseFormat != null) return { text: jsonAnswer(breach), finishReason: 'stop' as const };
        const words = `answer ${index}: ${prompt}${breach === 'random' ? ` (call ${calls})` : ''}`.split(' ');
        const cut = params.maxTokens != null && words.length > params.maxTokens;
        return {
          text: breach === 'empty-answer' ? '' : words.slice(0, params.maxTokens ?? words.length).join(' '),
          finishReason: cut && breach !== 'cut-as-stop' ? ('length' as const) : ('stop' as const),
        };
      });
      return {
        choices,
        usage: {
          inputTokens: prompt.split(' ').length,
          outputTokens: choices.reduce((sum, choice) => sum + Math.max(1, choice.text.split(' ').length), 0),
        },
        ...(params.topK == null || breach === 'silent-top-k'
          ? {}
          : { warnings: [{ type: 'unsupported-setting' as const, setting: 'topK', message: 'topK is not used.' }] }),
      };
    },
  };
}

// --- Internal helpers ---

function wait(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, milliseconds);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

function abortError(signal: AbortSignal, breach: ContractBreach | undefined): unknown {
  return breach === 'abort-as-retryable' ? new APICallError({ message: 'The request was aborted.', isRetryable: true }) : signal.reason;
}

function jsonAnswer(breach: ContractBreach | undefined): string {
  if (breach === 'prose-for-json') return 'Ada is a calm lighthouse keeper.';
  return JSON.stringify({ name: 'Ada', mood: 'calm', ready: breach === 'wrong-json-type' ? 'yes' : true, tags: ['kind'] });
}
