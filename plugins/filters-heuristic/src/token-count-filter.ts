import { createFilter, defineFilter, type FilterV1, strictOptionsObject } from '@synthkit/core';
import { z } from 'zod';
import { checkMinimumNotAboveMaximum } from './internal/check-minimum-not-above-maximum';
import { within } from './internal/threshold-rules';

/** Options of `heuristic:token-count`, named and defaulted like NeMo Curator's `TokenCountFilter`. */
export interface TokenCountFilterOptions {
  /**
   * The tokenizer that counts: `llama-3` (the Llama 3.x tokenizer, 128,256 tokens, bundled with the
   * package through `llama3-tokenizer-js`, so it works offline). Default and only value for now.
   * NeMo takes a Hugging Face tokenizer from the user instead.
   */
  readonly tokenizer?: 'llama-3';
  /** Fewest tokens of a kept text (inclusive). Default 0, NeMo's: no minimum. */
  readonly min_tokens?: number;
  /** Most tokens of a kept text (inclusive). Default: none, NeMo's infinity. */
  readonly max_tokens?: number | null;
}

/** {@link TokenCountFilterOptions} after parsing: `max_tokens` is `null` when there is no maximum. */
export interface ParsedTokenCountFilterOptions {
  readonly tokenizer: 'llama-3';
  readonly min_tokens: number;
  readonly max_tokens: number | null;
}

const tokenCountFilterOptionsSchema: z.ZodType<ParsedTokenCountFilterOptions, TokenCountFilterOptions | undefined> = strictOptionsObject({
  tokenizer: z
    .enum(['llama-3'], { error: 'must be "llama-3" (the bundled Llama 3 tokenizer)' })
    .default('llama-3')
    .describe('The tokenizer that counts: llama-3, bundled, offline.'),
  min_tokens: z
    .number({ error: 'must be a whole number of tokens, e.g. 0' })
    .int({ error: 'must be a whole number of tokens' })
    .min(0, { error: 'must be 0 or more' })
    .default(0)
    .describe('Fewest tokens of a kept text (inclusive).'),
  max_tokens: z
    .number({ error: 'must be a whole number of tokens, e.g. 4096' })
    .int({ error: 'must be a whole number of tokens' })
    .min(0, { error: 'must be 0 or more' })
    .nullable()
    .default(null)
    .describe('Most tokens of a kept text (inclusive); null or absent for no maximum.'),
})
  .check((context) => {
    if (context.value.max_tokens !== null) {
      checkMinimumNotAboveMaximum('min_tokens', 'max_tokens')(context as never);
    }
  })
  .prefault({});

/**
 * `heuristic:token-count`: keeps texts whose number of tokens is between `min_tokens` and
 * `max_tokens` (inclusive), like NeMo Curator's `TokenCountFilter`.
 *
 * Score: the number of Llama 3 tokens of the text, with the begin-of-text token a Hugging Face
 * tokenizer's `encode` adds by default (so `""` scores 1, as NeMo with a Llama 3 tokenizer).
 * Keep: `min_tokens ≤ score ≤ max_tokens`. The vocabulary (about 3 MB of JavaScript) loads on the
 * first score, so `score` returns a promise.
 */
export const tokenCountFilter = defineFilter({
  description: 'Keeps texts with min_tokens to max_tokens Llama 3 tokens (begin-of-text included), like NeMo Curator TokenCountFilter.',
  options: tokenCountFilterOptionsSchema,
  create: (options) => {
    const rule = within({ measure: 'Llama 3 tokens' }, 'min_tokens', options.min_tokens, 'max_tokens', options.max_tokens ?? Number.POSITIVE_INFINITY);
    return { options, score: (text) => countLlama3Tokens(text), keep: rule.keep, describe: rule.describe };
  },
});

/** A `heuristic:token-count` filter: its `score` is asynchronous (the tokenizer loads on first use). */
export interface TokenCountFilter extends FilterV1 {
  readonly options: ParsedTokenCountFilterOptions;
  score(text: string): Promise<number>;
  keep(score: number): boolean;
  describe(score: number): string;
}

/**
 * Creates the `heuristic:token-count` filter without the plugin registry (see {@link tokenCountFilter}).
 *
 * @param options the tokenizer and the range; omitted, NeMo Curator's defaults (0, no maximum).
 * @throws InvalidArgumentError when an option is out of range or unknown.
 */
export function createTokenCountFilter(options?: TokenCountFilterOptions): TokenCountFilter {
  return createFilter(tokenCountFilter, options, 'heuristic:token-count');
}

// --- Internal helpers ---

type Llama3Tokenizer = { encode(text: string, options?: { bos?: boolean; eos?: boolean }): number[] };

let tokenizer: Promise<Llama3Tokenizer> | undefined;

async function countLlama3Tokens(text: string): Promise<number> {
  tokenizer ??= loadTokenizer();
  return (await tokenizer).encode(text, { bos: true, eos: false }).length;
}

async function loadTokenizer(): Promise<Llama3Tokenizer> {
  try {
    return (await import('llama3-tokenizer-js')).default;
  } catch (error) {
    tokenizer = undefined; // the next record tries again
    throw new Error(
      `heuristic:token-count could not load the Llama 3 tokenizer from the package llama3-tokenizer-js ` +
        `(${error instanceof Error ? error.message : String(error)}). Reinstall @synthkit/filters-heuristic with its dependencies.`,
      { cause: error },
    );
  }
}
