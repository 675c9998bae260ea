import { z } from 'zod';

/**
 * The tokenizers the tasks can count tokens with:
 *
 * - `llama-3`: the Llama 3 tokenizer (128,256 tokens; the same for Llama 3, 3.1, 3.2 and 3.3, such
 *   as `meta/llama-3.3-70b-instruct`, the model of NeMo Curator's Nemotron-CC pipelines). Exact.
 *   Its vocabulary ships inside the `llama3-tokenizer-js` package, so counting works offline.
 * - `estimate`: one token per 4 characters, rounded up. For model families without a bundled
 *   tokenizer (Mistral NeMo, Qwen, GPT...): English prose is usually within about 25% of it, code and
 *   other scripts can be much further off, so leave margins in the budgets that depend on it.
 */
export const tokenizerNames = ['llama-3', 'estimate'] as const;

/** A tokenizer the tasks can count tokens with; see {@link tokenizerNames}. */
export type TokenizerName = (typeof tokenizerNames)[number];

/** The `tokenizer` option every task of the plugin takes. */
export const tokenizerOptionSchema = z
  .enum(tokenizerNames)
  .default('llama-3')
  .describe(
    'How tokens are counted: llama-3 (exact, for the Llama 3.x family; its vocabulary ships with the plugin) or estimate ' +
      '(one token per 4 characters, for model families without a bundled tokenizer; leave margins).',
  );

/** Counts the tokens of texts the way one tokenizer splits them. */
export interface TokenCounter {
  readonly name: TokenizerName;
  /** False for `estimate`, whose counts are approximate. */
  readonly exact: boolean;
  /** The number of tokens in `text`, without the begin- and end-of-text tokens a model adds around a prompt. */
  count(text: string): number;
}

/**
 * The token counter of a tokenizer. The Llama 3 vocabulary (about 13 MB of JavaScript) is loaded on
 * the first call that needs it, once per process, so importing the plugin stays cheap.
 */
export function loadTokenCounter(name: TokenizerName): Promise<TokenCounter> {
  let counter = counters.get(name);
  if (counter === undefined) {
    counter = name === 'llama-3' ? loadLlama3Counter() : Promise.resolve(estimateCounter);
    // A failed load is not cached: the next record tries again (and fails with the same message if it must).
    counter.catch(() => counters.delete(name));
    counters.set(name, counter);
  }
  return counter;
}

/** `estimate`'s count: one token per 4 characters (UTF-16 code units), rounded up. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

// --- Internal helpers ---

const counters = new Map<TokenizerName, Promise<TokenCounter>>();

const estimateCounter: TokenCounter = { name: 'estimate', exact: false, count: estimateTokens };

async function loadLlama3Counter(): Promise<TokenCounter> {
  let tokenizer: { encode(text: string, options?: { bos?: boolean; eos?: boolean }): number[] };
  try {
    tokenizer = (await import('llama3-tokenizer-js')).default;
  } catch (error) {
    throw new Error(
      `The llama-3 tokenizer could not be loaded from the package llama3-tokenizer-js (${error instanceof Error ? error.message : String(error)}). ` +
        'Reinstall @synthkit/tasks-nemotron-cc with its dependencies, or set the option tokenizer: estimate.',
      { cause: error },
    );
  }
  return { name: 'llama-3', exact: true, count: (text) => tokenizer.encode(text, { bos: false, eos: false }).length };
}
