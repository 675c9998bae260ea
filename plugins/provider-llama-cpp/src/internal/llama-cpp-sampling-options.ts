import { InvalidArgumentError, type GenerationParams, type LanguageModelV1Warning } from '@synthkit/core';
import { issueSentence, zodIssues } from '@synthkit/validation-messages';
import { llamaCppProviderOptionsSchema, type LlamaCppProviderOptions } from '../llama-cpp-provider-options';

/**
 * Reads `params.providerOptions['llama-cpp']` (`provider_options: { llama-cpp: {...} }` in a
 * recipe, which the runtime has checked already): `minP` and `repeatPenalty`, passed to
 * node-llama-cpp as they are. Other keys, which only code can pass, are not used, and a warning
 * says so.
 *
 * @throws InvalidArgumentError for a value of the wrong type, in the words of `synthkit validate`
 * (`providerOptions.llama-cpp.minP must be at most 1, got 2.`).
 */
export function llamaCppSamplingOptions(params: GenerationParams): { options: LlamaCppProviderOptions; warnings: LanguageModelV1Warning[] } {
  const given = params.providerOptions?.['llama-cpp'] ?? {};
  const warnings: LanguageModelV1Warning[] = [];
  const known: Record<string, unknown> = {};
  const optionNames = Object.keys(llamaCppProviderOptionsSchema.shape);
  for (const [key, value] of Object.entries(given)) {
    if (optionNames.includes(key)) known[key] = value;
    else {
      warnings.push({
        type: 'unsupported-setting',
        setting: `providerOptions.llama-cpp.${key}`,
        message: `providerOptions.llama-cpp.${key} is not a llama-cpp option and was not used; the options are: ${optionNames.join(', ')}.`,
      });
    }
  }
  const parsed = llamaCppProviderOptionsSchema.safeParse(known);
  if (!parsed.success) {
    const issue = zodIssues(parsed.error, ['providerOptions', 'llama-cpp'], llamaCppProviderOptionsSchema, known)[0] ?? {
      path: 'providerOptions.llama-cpp',
      message: 'is invalid',
    };
    throw new InvalidArgumentError({ argument: issue.path, message: issueSentence(issue) });
  }
  return { options: parsed.data, warnings };
}
