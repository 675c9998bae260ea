import { createModifier, defineModifier, strictOptionsObject } from '@synthkit/core';
import { z } from 'zod';

/** Options of `heuristic:unicode-normalizer`. */
export interface UnicodeNormalizerModifierOptions {
  /**
   * The Unicode normalization form: `NFC` (compose: `e` + combining accent → `é`), `NFKC` (also
   * folds compatibility characters: `ﬁ` → `fi`, full-width letters → ASCII), `NFD` or `NFKD`.
   * Default `NFC`, the form NeMo Curator's `UnicodeReformatter` (ftfy) applies by default.
   */
  readonly form?: 'NFC' | 'NFKC' | 'NFD' | 'NFKD';
}

const unicodeNormalizerModifierOptionsSchema: z.ZodType<
  Required<UnicodeNormalizerModifierOptions>,
  UnicodeNormalizerModifierOptions | undefined
> = strictOptionsObject({
  form: z
    .enum(['NFC', 'NFKC', 'NFD', 'NFKD'], { error: 'must be one of NFC, NFKC, NFD, NFKD' })
    .default('NFC')
    .describe('The Unicode normalization form: NFC, NFKC, NFD or NFKD.'),
}).prefault({});

/**
 * `heuristic:unicode-normalizer`: normalizes a text to a Unicode normalization form, the
 * normalization step of NeMo Curator's `UnicodeReformatter`. That one runs ftfy, which also repairs
 * mojibake (`Ã©` → `é`), HTML entities and curly quotes; synthkit does not (there is no ftfy in
 * JavaScript): this modifier only normalizes, so text with encoding damage keeps it.
 */
export const unicodeNormalizerModifier = defineModifier({
  description: 'Normalizes text to a Unicode normalization form (NFC by default, NFKC, NFD, NFKD), the normalization step of NeMo Curator UnicodeReformatter.',
  options: unicodeNormalizerModifierOptionsSchema,
  create: (options) => ({ modify: (text) => text.normalize(options.form) }),
});

/**
 * Creates the `heuristic:unicode-normalizer` modifier without the plugin registry.
 *
 * @throws InvalidArgumentError when `form` is not a normalization form or an option is unknown.
 */
export function createUnicodeNormalizerModifier(options?: UnicodeNormalizerModifierOptions) {
  return createModifier(unicodeNormalizerModifier, options, 'heuristic:unicode-normalizer');
}
