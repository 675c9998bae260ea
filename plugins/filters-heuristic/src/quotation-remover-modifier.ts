import { createModifier, defineModifier, strictOptionsObject } from '@synthkit/core';
import { removeSurroundingQuotes } from '@synthkit/text-processing';
import type { z } from 'zod';

const noOptionsSchema: z.ZodType<Record<string, never>, Record<string, never> | undefined> = strictOptionsObject({}).prefault({}) as never;

/**
 * `heuristic:quotation-remover`: removes the double quotes around a whole text, like NeMo Curator's
 * `QuotationRemover` (with `removeSurroundingQuotes` of `@synthkit/text-processing`): when the text
 * starts and ends with `"` and is longer than 2 characters (white space aside), unless it spans
 * lines and its first line ends with `"`. No options.
 */
export const quotationRemoverModifier = defineModifier({
  description: 'Removes double quotes around a whole text (longer than 2 characters, unless its first line ends with a quote), like NeMo Curator QuotationRemover.',
  options: noOptionsSchema,
  create: () => ({ modify: (text) => removeSurroundingQuotes(text) }),
});

/** Creates the `heuristic:quotation-remover` modifier without the plugin registry. */
export function createQuotationRemoverModifier() {
  return createModifier(quotationRemoverModifier, {}, 'heuristic:quotation-remover');
}
