import {
  APICallError,
  InvalidArgumentError,
  SynthkitError,
  type FinishReason,
  type LanguageModelV1,
  type LanguageModelV1CallOptions,
  type LanguageModelV1Result,
} from '@synthkit/core';
import type { LlamaContextSequence, LlamaGrammar } from 'node-llama-cpp';
import { abortable } from './internal/abortable';
import { startActivityHeartbeat } from './internal/activity-heartbeat';
import type { LlamaCppEngine } from './internal/llama-cpp-engine';
import { llamaCppSamplingOptions } from './internal/llama-cpp-sampling-options';
import type { LoadedModel } from './internal/loaded-model';
import { describeSource, endpointOf, type ModelSource } from './internal/model-source';
import { toChatHistory } from './internal/to-chat-history';
import type { LlamaCppProviderOptions } from './llama-cpp-provider-options';

/**
 * A GGUF model run in-process by llama.cpp. Create it with `createLlamaCpp(settings).languageModel(name)`;
 * creating it loads nothing.
 *
 * - `messages` are a chat, written with the model's own chat template (from its GGUF file, through
 *   node-llama-cpp's chat wrappers); system messages are kept, and a last assistant message is
 *   continued. Every call starts from an empty context: calls share no history.
 * - a `prompt` is raw completion: the text is continued as it is, with no template (for base models
 *   and prompts already formatted, e.g. by a conversation formatter).
 */
export interface LlamaCppLanguageModel extends LanguageModelV1 {
  readonly provider: 'llama-cpp';
  /** The name the model was asked by (`llama-cpp:<name>`). */
  readonly modelId: string;
  /** `llama-cpp:<absolute path>` or `llama-cpp:<hf: URI>`: models with the same weights share one request window. */
  readonly endpoint: string;
  /** One choice per call: the engine splits a larger `n` into several calls. */
  readonly maxChoicesPerCall: 1;
  /** The provider's `sequences`: the requests a context runs at once. */
  readonly defaultConcurrency: number;
  /**
   * The weights' file path or `hf:` URI: the response cache keys answers by it, so pointing a name at
   * another model never replays the answers of the one before.
   */
  readonly variant: string;
  /** Generates the answers; see {@link LlamaCppLanguageModelImplementation.doGenerate}. */
  doGenerate(options: LanguageModelV1CallOptions): Promise<LanguageModelV1Result>;
}

/** The implementation of {@link LlamaCppLanguageModel}. */
export class LlamaCppLanguageModelImplementation implements LlamaCppLanguageModel {
  readonly specificationVersion = 'v1';
  readonly provider = 'llama-cpp';
  readonly maxChoicesPerCall = 1;
  readonly endpoint: string;
  readonly variant: string;

  constructor(
    readonly modelId: string,
    private readonly source: ModelSource,
    private readonly engine: LlamaCppEngine,
    readonly defaultConcurrency: number,
  ) {
    this.endpoint = endpointOf(source);
    this.variant = describeSource(source);
  }

  /**
   * Generates one answer per choice (`params.n`, default 1, one after another). The first call
   * loads the model (downloading an `hf:` one first). Parameters: `temperature` (absent: greedy,
   * llama.cpp's default), `topP`, `topK`, `seed` (the same seed and input give the same answer; with
   * `n` > 1 choice i uses seed + i), `maxTokens` (at most what the context has left after the
   * prompt), `stop` (the answer ends before the first stop text, which is not included), and
   * `providerOptions['llama-cpp']` (`minP`, `repeatPenalty`). A `responseFormat` becomes a grammar:
   * every answer is JSON, of the schema's shape when there is one. `onActivity` is called for every
   * token, and once a second while the model loads or the prompt is evaluated. Aborting `signal`
   * stops generation within a token.
   *
   * @throws APICallError when the model cannot be loaded or downloaded, or the prompt does not fit
   * the context (not retryable); InvalidArgumentError, before anything is loaded, for an empty
   * conversation (`messages: []`); the signal's reason when it aborts the call.
   */
  async doGenerate(options: LanguageModelV1CallOptions): Promise<LanguageModelV1Result> {
    const { signal } = options;
    if (signal?.aborted) throw signal.reason;
    if (options.prompt == null && options.messages.length === 0) {
      // The chat template would write a prompt of headers only, and the model answer that.
      throw new InvalidArgumentError({
        argument: 'messages',
        message: `${this.label()}: the conversation is empty (messages: []). Send at least one message, or a prompt.`,
      });
    }
    const heartbeat = startActivityHeartbeat(options.onActivity);
    try {
      const { options: sampling, warnings } = llamaCppSamplingOptions(options.params);
      const loaded = await abortable(this.engine.model(this.source), signal);
      const grammar = options.responseFormat == null ? undefined : await loaded.grammarFor(options.responseFormat);
      if (grammar?.warning != null) warnings.push({ type: 'other', setting: 'responseFormat', message: grammar.warning });
      const choices: LanguageModelV1Result['choices'][number][] = [];
      let inputTokens = 0;
      let outputTokens = 0;
      for (let index = 0; index < (options.params.n ?? 1); index++) {
        const answer = await this.generate(loaded, options, { sampling, grammar: grammar?.grammar, index });
        choices.push({ text: answer.text, finishReason: answer.finishReason });
        inputTokens += answer.inputTokens;
        outputTokens += answer.outputTokens;
      }
      return {
        choices,
        usage: { inputTokens, outputTokens },
        response: { modelId: this.modelId },
        ...(warnings.length === 0 ? {} : { warnings }),
      };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw this.callError(error);
    } finally {
      heartbeat.stop();
    }
  }

  private async generate(
    loaded: LoadedModel,
    options: LanguageModelV1CallOptions,
    { sampling, grammar, index }: { sampling: LlamaCppProviderOptions; grammar: LlamaGrammar | undefined; index: number },
  ): Promise<Answer> {
    const { params, signal } = options;
    const sequence = await loaded.acquireSequence();
    try {
      const history = options.prompt == null ? toChatHistory(options.messages) : undefined;
      const inputTokens = history == null ? loaded.completionPromptTokens(options.prompt ?? '') : loaded.chatPromptTokens(history);
      const room = sequence.contextSize - inputTokens;
      if (room < 1) {
        throw new APICallError({
          message:
            `${this.label()}: the prompt is ${inputTokens} tokens and the context holds ${sequence.contextSize}, so no answer fits. ` +
            'Shorten the prompt, or raise contextSize under providers.llama-cpp (up to what the model was trained with).',
          url: this.endpoint,
          isRetryable: false,
        });
      }
      const meter = sequence.tokenMeter.getState();
      const generation = {
        ...sampling,
        ...(params.temperature == null ? {} : { temperature: params.temperature }),
        ...(params.topP == null ? {} : { topP: params.topP }),
        ...(params.topK == null ? {} : { topK: params.topK }),
        ...(params.seed == null ? {} : { seed: params.seed + index }),
        ...(params.stop == null || params.stop.length === 0 ? {} : { customStopTriggers: [...params.stop] }),
        ...(grammar == null ? {} : { grammar }),
        maxTokens: Math.min(params.maxTokens ?? room, room),
        ...(signal == null ? {} : { signal }),
        onToken: () => options.onActivity?.(),
      };
      const { text, stopReason } =
        history == null
          ? await this.complete(loaded, sequence, options.prompt ?? '', generation)
          : await this.chat(loaded, sequence, history, generation);
      return {
        text,
        finishReason: finishReasonOf(stopReason),
        inputTokens,
        outputTokens: sequence.tokenMeter.diff(meter).usedOutputTokens,
      };
    } finally {
      // Gives the sequence back to its context, emptied.
      sequence.dispose();
    }
  }

  private async chat(
    loaded: LoadedModel,
    sequence: LlamaContextSequence,
    history: ReturnType<typeof toChatHistory>,
    generation: GenerationOptions,
  ): Promise<{ text: string; stopReason: string }> {
    const chat = new loaded.library.LlamaChat({ contextSequence: sequence, chatWrapper: loaded.chatWrapper });
    try {
      const response = await chat.generateResponse(history, generation);
      return { text: response.response, stopReason: response.metadata.stopReason };
    } finally {
      chat.dispose();
    }
  }

  private async complete(
    loaded: LoadedModel,
    sequence: LlamaContextSequence,
    prompt: string,
    generation: GenerationOptions,
  ): Promise<{ text: string; stopReason: string }> {
    const completion = new loaded.library.LlamaCompletion({ contextSequence: sequence });
    try {
      // No context shift: the answer stops where the context ends rather than forget the prompt's start.
      const response = await completion.generateCompletionWithMeta(prompt, { ...generation, disableContextShift: true });
      return { text: response.response, stopReason: response.metadata.stopReason };
    } finally {
      completion.dispose();
    }
  }

  /** `llama-cpp:<name> (<file or URI>)`, without the parenthesis when the name is that file or URI. */
  private label(): string {
    const source = describeSource(this.source);
    return source === this.modelId ? `llama-cpp:${source}` : `llama-cpp:${this.modelId} (${source})`;
  }

  /** Synthkit errors as they are; anything else llama.cpp threw as a non-retryable APICallError. */
  private callError(error: unknown): unknown {
    if (SynthkitError.isInstance(error)) return error;
    const disposed = error instanceof Error && error.name === 'DisposedError';
    return new APICallError({
      message: disposed
        ? `${this.label()}: the model was released (the provider's dispose()) during the call.`
        : `${this.label()}: llama.cpp failed: ${error instanceof Error ? error.message : String(error)}`,
      url: this.endpoint,
      // A released model is loaded again by the next attempt.
      isRetryable: disposed,
      cause: error,
    });
  }
}

// --- Internal helpers ---

interface Answer {
  readonly text: string;
  readonly finishReason: FinishReason;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

type GenerationOptions = LlamaCppProviderOptions & {
  readonly temperature?: number;
  readonly topP?: number;
  readonly topK?: number;
  readonly seed?: number;
  readonly customStopTriggers?: string[];
  readonly grammar?: LlamaGrammar;
  readonly maxTokens: number;
  readonly signal?: AbortSignal;
  readonly onToken: () => void;
};

/** node-llama-cpp's stop reasons as finish reasons. */
function finishReasonOf(stopReason: string): FinishReason {
  switch (stopReason) {
    case 'eogToken':
    case 'stopGenerationTrigger':
    case 'customStopTrigger':
      return 'stop';
    case 'maxTokens':
      return 'length';
    default:
      return 'other';
  }
}
