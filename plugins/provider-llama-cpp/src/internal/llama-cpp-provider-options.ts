import { InvalidArgumentError, type GenerationParams, type LanguageModelV1Warning } from '@synthkit/core';
import { z } from 'zod';

/** The sampling options llama.cpp has beyond the common parameters, from `providerOptions['llama-cpp']`. */
export interface LlamaCppSamplingOptions {
  readonly minP?: number;
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
 * Reads `params.providerOptions['llama-cpp']` (`provider_options: { llama-cpp: {...} }` in a
 * recipe): `minP` and `repeatPenalty`, passed to node-llama-cpp as they are. Other keys are not
 * used, and a warning says so.
 *
 * @throws InvalidArgumentError for a value of the wrong type.
 */
export function llamaCppSamplingOptions(params: GenerationParams): { options: LlamaCppSamplingOptions; warnings: LanguageModelV1Warning[] } {
  const given = params.providerOptions?.['llama-cpp'] ?? {};
  const warnings: LanguageModelV1Warning[] = [];
  const known: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) {
    if (key in samplingOptionsSchema.shape) known[key] = value;
    else {
      warnings.push({
        type: 'unsupported-setting',
        setting: `providerOptions.llama-cpp.${key}`,
        message: `providerOptions.llama-cpp.${key} is not a llama-cpp option and was not used; the options are: ${Object.keys(samplingOptionsSchema.shape).join(', ')}.`,
      });
    }
  }
  const parsed = samplingOptionsSchema.safeParse(known);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = ['providerOptions', 'llama-cpp', ...(issue?.path ?? []).map(String)].join('.');
    throw new InvalidArgumentError({ argument: path, message: `${path} ${issue?.message ?? 'is invalid'}.` });
  }
  return { options: parsed.data, warnings };
}

// --- Internal helpers ---

const samplingOptionsSchema = z.strictObject({
  minP: z.number().min(0).max(1).optional(),
  repeatPenalty: z
    .union([
      z.literal(false),
      z.strictObject({
        lastTokens: z.number().int().min(0).optional(),
        penalty: z.number().positive().optional(),
        frequencyPenalty: z.number().optional(),
        presencePenalty: z.number().optional(),
        penalizeNewLine: z.boolean().optional(),
      }),
    ])
    .optional(),
});
