import { removeSurroundingQuotes, sliceText } from '@synthkit/text-processing';
import { reject, type PostProcessResult } from './post-process-answer';

/** What {@link postProcessParaphrase} does besides trimming. */
export interface ParaphraseSettings {
  /**
   * The text the answer must begin with ("Here is a paraphrased version:", "Paraphrased Text:"), or
   * null to keep every answer whole.
   */
  readonly prefix: string | null;
  /** Remove double quotes around the whole text (NeMo Curator's quotation remover). */
  readonly removeQuotes: boolean;
}

/**
 * NeMo Curator's post-processing of the answers that must begin with a fixed text (rephrase and
 * distill), after markdown removal: the prefix filter rejects an answer that does not begin with
 * `prefix` (white space before it aside), the slicer keeps the text after the prefix, trimmed, and
 * the quotation remover drops quotes around the whole text.
 *
 * ```ts
 * postProcessParaphrase('Paraphrased Text: "Tides rise twice a day."', { prefix: 'Paraphrased Text:', removeQuotes: true });
 * // { text: 'Tides rise twice a day.' }
 * ```
 */
export function postProcessParaphrase(answer: string, { prefix, removeQuotes }: ParaphraseSettings): PostProcessResult {
  let text = answer.trim();
  if (prefix !== null) {
    if (!text.startsWith(prefix)) {
      return reject(`missing prefix: the answer does not begin with ${JSON.stringify(prefix)}`, { prefix, answer_start: text.slice(0, 80) });
    }
    text = sliceText(text, { left: prefix, includeLeft: false });
  }
  return { text: removeQuotes ? removeSurroundingQuotes(text) : text };
}
