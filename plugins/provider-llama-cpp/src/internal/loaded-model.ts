import type { ResponseFormat } from '@synthkit/core';
import type {
  ChatHistoryItem,
  ChatWrapper,
  Llama,
  LlamaContext,
  LlamaContextSequence,
  LlamaEmbeddingContext,
  LlamaGrammar,
  LlamaModel,
} from 'node-llama-cpp';
import type { NodeLlamaCpp } from './node-llama-cpp';

/** How contexts of a model are made. */
export interface ContextSettings {
  /** Tokens per sequence; undefined: up to 4096 (or the model's training context), as memory allows. */
  readonly contextSize: number | undefined;
  /** Sequences per context. */
  readonly sequences: number;
  readonly threads: number;
}

/** A grammar for a response format, and why it is looser than asked, when it is. */
export interface ResponseGrammar {
  readonly grammar: LlamaGrammar;
  readonly warning?: string;
}

/** Largest context made when the settings do not say: enough for synthetic-data prompts, modest in memory. */
const defaultMaximumContextSize = 4096;

/**
 * A model loaded in llama.cpp, with what its calls share: the chat wrapper (its chat template),
 * contexts to run sequences in, an embedding context and the grammars made for response formats.
 * Contexts are made when needed and kept: a call takes a free sequence (a fresh one, nothing of an
 * earlier call in it), or a new context when every sequence is busy, and gives it back at its end.
 * The provider never makes calls wait: the engine's request window (the model's
 * `defaultConcurrency`, `sequences` unless the recipe says otherwise) bounds how many run at once.
 */
export class LoadedModel {
  readonly chatWrapper: ChatWrapper;
  private readonly contexts: LlamaContext[] = [];
  private creating: Promise<LlamaContext> | undefined;
  private embedding: Promise<LlamaEmbeddingContext> | undefined;
  private readonly grammars = new Map<string, Promise<ResponseGrammar>>();

  constructor(
    readonly library: NodeLlamaCpp,
    readonly llama: Llama,
    readonly model: LlamaModel,
    private readonly settings: ContextSettings,
  ) {
    this.chatWrapper = library.resolveChatWrapper(model);
  }

  /** A free sequence of one of the model's contexts, with an empty state; dispose of it to give it back. */
  async acquireSequence(): Promise<LlamaContextSequence> {
    for (;;) {
      const free = this.contexts.find((context) => !context.disposed && context.sequencesLeft > 0);
      if (free != null) return free.getSequence();
      this.creating ??= this.model
        .createContext({
          contextSize: this.settings.contextSize ?? { max: defaultMaximumContextSize },
          sequences: this.settings.sequences,
          threads: this.settings.threads,
        })
        .then((context) => {
          this.contexts.push(context);
          return context;
        })
        .finally(() => {
          this.creating = undefined;
        });
      await this.creating;
    }
  }

  /** The model's embedding context, made on first use. */
  embeddingContext(): Promise<LlamaEmbeddingContext> {
    if (this.embedding == null) {
      const creating = this.model.createEmbeddingContext({
        contextSize: this.settings.contextSize ?? { max: defaultMaximumContextSize },
        threads: this.settings.threads,
      });
      this.embedding = creating;
      creating.catch(() => {
        if (this.embedding === creating) this.embedding = undefined;
      });
    }
    return this.embedding;
  }

  /**
   * The grammar that makes every answer JSON: of the schema's shape when there is one (types,
   * required properties, enums, string and array lengths), any JSON otherwise. Made once per schema.
   */
  grammarFor(format: ResponseFormat): Promise<ResponseGrammar> {
    const key = JSON.stringify(format.schema ?? null);
    let grammar = this.grammars.get(key);
    if (grammar == null) {
      grammar = this.makeGrammar(format);
      this.grammars.set(key, grammar);
    }
    return grammar;
  }

  /** Tokens of a chat prompt as the model's chat template writes it (what is evaluated). */
  chatPromptTokens(history: ChatHistoryItem[]): number {
    const { contextText } = this.chatWrapper.generateContextState({ chatHistory: history });
    return contextText.tokenize(this.model.tokenizer).length;
  }

  /** Tokens of a raw prompt, with the beginning-of-text token the model puts before it. */
  completionPromptTokens(prompt: string): number {
    const tokens = this.model.tokens;
    return this.model.tokenize(prompt).length + (tokens.bos != null && tokens.shouldPrependBosToken ? 1 : 0);
  }

  private async makeGrammar(format: ResponseFormat): Promise<ResponseGrammar> {
    if (format.schema == null) return { grammar: await this.llama.getGrammarFor('json') };
    try {
      // The schema is JSON Schema from the task; node-llama-cpp reads the subset it supports.
      return { grammar: await this.llama.createGrammarForJsonSchema(format.schema as never) };
    } catch (error) {
      return {
        grammar: await this.llama.getGrammarFor('json'),
        warning:
          `llama.cpp cannot turn the response schema${format.name == null ? '' : ` "${format.name}"`} into a grammar ` +
          `(${error instanceof Error ? error.message : String(error)}), so answers are only held to be JSON; the engine checks them against the schema.`,
      };
    }
  }
}
