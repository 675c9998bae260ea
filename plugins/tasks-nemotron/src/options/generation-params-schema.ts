import { z } from 'zod';

/**
 * Schema of generation parameters given in task options (`conversion_params`). Field names are
 * those of `GenerationParams` from `@synthkit/core` (`maxTokens`, `topP`, ...) because the value is
 * passed unchanged to `ctx.generate`. `n` is not accepted: the conversion uses only one choice.
 */
export const generationParamsSchema = z
  .object({
    /** Sampling temperature, usually 0–2. */
    temperature: z.number().min(0, { error: 'temperature must be 0 or more.' }).optional(),
    /** Nucleus sampling mass, 0–1. */
    topP: z.number().min(0, { error: 'topP must be between 0 and 1.' }).max(1, { error: 'topP must be between 0 and 1.' }).optional(),
    /** Sample only from the k most likely tokens. */
    topK: z.number().int().positive({ error: 'topK must be a whole number of at least 1.' }).optional(),
    /** Maximum tokens to generate. Raise it when conversions fail with parse errors on long lists. */
    maxTokens: z.number().int().positive({ error: 'maxTokens must be a whole number of at least 1.' }).optional(),
    /** Seed for reproducible sampling, where the endpoint honours it. */
    seed: z.number().int({ error: 'seed must be a whole number.' }).optional(),
    /** Stop sequences. */
    stop: z.array(z.string()).optional(),
    /** Provider-specific fields, merged into the request body as they are. */
    extra: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
