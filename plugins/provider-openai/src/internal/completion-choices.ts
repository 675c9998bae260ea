import type OpenAI from 'openai';

/**
 * A chat or text completion reduced to what a `LanguageModelV1` result needs: the choices' texts
 * and finish reasons, the usage, the id and the model that answered. Both models read their answer,
 * whole or streamed, into this shape and build their result from it alike.
 */
export interface CompletionChoices {
  readonly id?: string | undefined;
  readonly model?: string | undefined;
  readonly choices: ReadonlyArray<CompletionChoice>;
  readonly usage?: OpenAI.Completions.CompletionUsage | undefined;
}

/** One choice: its position, its text (`null` when the server sent none) and why it stopped. */
export interface CompletionChoice {
  readonly index: number;
  readonly text: string | null | undefined;
  readonly finishReason: string | null | undefined;
}
