import { truncateForMessage } from './truncate-for-message';
import { YamlConversionError, type ListConversionPath } from './yaml-conversion-error';

/** What a list of items is checked against, and how strictly. */
export interface CheckListItemsRequest {
  /** How the items were read: `local` (by `parseListLocally`) or `llm` (by the converter). */
  readonly conversion: ListConversionPath;
  /** The generator's answer the items were read from. Every item must occur in it. */
  readonly originalText: string;
  /** The converter's answer, when the converter read the list; kept on errors. */
  readonly convertedText?: string;
  /** The number of items required. Omit to skip the length check. */
  readonly expectedLength?: number;
  /**
   * Keep the first `expectedLength` items of a longer list instead of failing with `wrong-length`.
   * A shorter list is never padded and still fails. @default false
   */
  readonly trimToLength?: boolean;
}

/**
 * The checks every list goes through, however it was read (locally or by the converter), in order:
 *
 * 1. Items are trimmed, and items that are then empty are dropped: they carry nothing to generate
 *    from, and an empty string would pass the next check trivially.
 * 2. `hallucination`: every remaining item must occur verbatim in the generator's answer, so the
 *    converter cannot reword or invent items. All items are checked, before any trimming. A list
 *    read locally always passes: its items are substrings of the answer by construction.
 * 3. `wrong-length`: when `expectedLength` is given, the list must have exactly that many items,
 *    after trimming a longer list to length if `trimToLength` is set.
 *
 * @returns The trimmed items, in order.
 * @throws YamlConversionError when a check fails.
 */
export function checkListItems(items: ReadonlyArray<string>, request: CheckListItemsRequest): string[] {
  const { conversion, originalText, convertedText, expectedLength, trimToLength = false } = request;
  const failure = { conversion, originalText, convertedText, expectedLength };
  const kept = items.map((item) => item.trim()).filter((item) => item !== '');

  const hallucination = kept.find((item) => !originalText.includes(item));
  if (hallucination !== undefined) {
    throw new YamlConversionError({
      ...failure,
      kind: 'hallucination',
      item: hallucination,
      items: kept,
      message: `the converted item ${JSON.stringify(truncateForMessage(hallucination))} does not appear in the generator's answer, so the converter reworded or invented it.`,
    });
  }

  if (expectedLength === undefined || kept.length === expectedLength) return kept;
  if (kept.length > expectedLength && trimToLength) return kept.slice(0, expectedLength);
  const list = conversion === 'llm' ? 'the converted list' : "the list in the generator's answer";
  throw new YamlConversionError({
    ...failure,
    kind: 'wrong-length',
    items: kept,
    message:
      kept.length > expectedLength
        ? `${expectedLength} items were requested but ${list} has ${kept.length}.`
        : `${expectedLength} items were requested but ${list} has only ${kept.length} (a shorter list is never padded).`,
  });
}
