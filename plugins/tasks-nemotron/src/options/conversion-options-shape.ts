import { z } from 'zod';

/**
 * The options every task of this plugin shares, about turning the generator's list into records.
 * Spread into each task's option shape.
 */
export const conversionOptionsShape = {
  /**
   * When a conversion check fails, drop the input record with a `yaml-conversion: <kind>` reject
   * (written to rejects.jsonl) instead of failing it. `macro-topics` additionally accepts a list of
   * the wrong length as it is (NeMo's semantics). @default false
   */
  ignore_conversion_failure: z
    .boolean()
    .default(false)
    .describe('When the generator\'s list cannot be converted, drop the input record as a `yaml-conversion: <kind>` reject instead of failing it.'),
  /**
   * When the converted list is longer than requested, keep the first N items instead of failing
   * with `wrong-length`. A shorter list is never padded. This is NeMo's async `trim_topics_list`
   * made explicit and opt-in: NeMo trimmed by default, even without ignoring failures. @default false
   */
  trim_to_length: z
    .boolean()
    .default(false)
    .describe('When the converted list is longer than asked for, keep its first items instead of failing with `wrong-length`.'),
};

/** The parsed shared conversion options, as every task of this plugin receives them. */
export interface ConversionOptions {
  readonly ignore_conversion_failure: boolean;
  readonly trim_to_length: boolean;
}
