import { z } from 'zod';

/** What a model's tokens cost, in US dollars per million tokens. */
export interface ModelPrice {
  /** Prompt tokens. */
  readonly input: number;
  /** Generated tokens. */
  readonly output: number;
  /** Prompt tokens served from the provider's prompt cache. Default: the input price. */
  readonly cachedInput?: number;
}

/**
 * Prices as written in a recipe, under `prices.<model reference>` (snake_case), in US dollars per
 * million tokens: `prices: { "openai:my-finetune": { input: 0.3, output: 1.2 } }`. They win over
 * the defaults.
 */
export const modelPriceSchema = z
  .strictObject({
    input: z.number().min(0).meta({ description: 'Price of prompt tokens, in US dollars per million tokens.' }),
    output: z.number().min(0).meta({ description: 'Price of generated tokens, in US dollars per million tokens.' }),
    cached_input: z
      .number()
      .min(0)
      .optional()
      .meta({
        description: 'Price of prompt tokens served from the provider\'s prompt cache, in US dollars per million tokens.',
        defaultDescription: 'the `input` price',
      }),
  })
  .meta({ description: 'What one model\'s tokens cost.' });

export type ModelPriceDocument = z.infer<typeof modelPriceSchema>;

/** Token counts to price. */
export interface PricedUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedInputTokens: number;
}

/** Cost of some usage in US dollars. Cached input tokens are part of `inputTokens` and priced as cached. */
export function costOf(usage: PricedUsage, price: ModelPrice): number {
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  return (
    ((usage.inputTokens - cached) * price.input + cached * (price.cachedInput ?? price.input) + usage.outputTokens * price.output) /
    1_000_000
  );
}
