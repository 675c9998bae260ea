import { z } from 'zod';

/**
 * The sampling options llama.cpp has beyond the common parameters, which a recipe passes in
 * `params.<role>.provider_options.llama-cpp` (code: `params.providerOptions['llama-cpp']`). They
 * reach node-llama-cpp as they are.
 */
export interface LlamaCppProviderOptions {
  /**
   * Drops every token whose probability is below this fraction of the most likely token's, from 0
   * (off) to 1. A small value such as 0.05 removes unlikely tokens without making answers
   * repetitive. Default: node-llama-cpp's (off).
   */
  readonly minP?: number;
  /**
   * Penalties for repeating recent tokens, or `false` for none. `lastTokens`: how many recent
   * tokens count (default 64); `penalty`: how much a repeated token's probability is lowered, 1
   * for not at all (default 1.1); `frequencyPenalty` and `presencePenalty`: lowered by how often,
   * and whether at all, a token was used; `penalizeNewLine`: whether new lines count too.
   */
  readonly repeatPenalty?:
    | false
    | {
        readonly lastTokens?: number;
        readonly penalty?: number;
        readonly frequencyPenalty?: number;
        readonly presencePenalty?: number;
        readonly penalizeNewLine?: boolean;
      };
}

/**
 * The zod schema of {@link LlamaCppProviderOptions}, the plugin's `providerOptions`: a recipe's
 * `provider_options.llama-cpp` is checked with it when the recipe is compiled, so `synthkit
 * validate` reports a bad or unknown option before any model loads. Strict: an unknown key is an
 * error that lists the valid ones.
 */
export const llamaCppProviderOptionsSchema = z.strictObject({
  minP: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .meta({
      description:
        'Drops every token whose probability is below this fraction of the likeliest token\'s (0 is off); a small value such as 0.05 removes unlikely tokens without making answers repetitive.',
      defaultDescription: 'node-llama-cpp\'s (off)',
    }),
  repeatPenalty: z
    .union([
      z.literal(false),
      z.strictObject({
        lastTokens: z.number().int().min(0).optional().meta({ description: 'How many of the latest tokens count as recent.', default: 64 }),
        penalty: z
          .number()
          .positive()
          .optional()
          .meta({ description: 'How much a repeated token\'s probability is lowered: 1 lowers it not at all.', default: 1.1 }),
        frequencyPenalty: z.number().optional().meta({ description: 'Lowers a recent token\'s probability by how often it was used.' }),
        presencePenalty: z.number().optional().meta({ description: 'Lowers a recent token\'s probability when it was used at all.' }),
        penalizeNewLine: z.boolean().optional().meta({ description: 'Whether new lines count as repeated tokens too.' }),
      }),
    ])
    .optional()
    .meta({ description: 'Penalties for repeating recent tokens, or `false` for none.' }),
}) satisfies z.ZodType<LlamaCppProviderOptions>;
