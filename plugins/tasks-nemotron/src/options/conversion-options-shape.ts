import { z } from 'zod';

/**
 * The options every task of this plugin shares, about turning the generator's list into records.
 * Spread into each task's option shape.
 */
export const conversionOptionsShape = {
  /**
   * How the generator's list is turned into items:
   *
   * - `auto`: read it locally (`parseListLocally`), and call the converter model only for an
   *   answer the local parser cannot read with certainty (no list, mixed markers, broken numbering,
   *   a sub-list, text between items...). A clean list of the wrong length is not sent to the
   *   converter: it can only copy the items that are there.
   * - `llm`: always call the converter, as NeMo does (two calls per list).
   * - `local`: never call the converter; an answer the local parser cannot read fails the checks.
   *
   * The checks, `ignore_conversion_failure` and `trim_to_length` apply in every mode.
   * @default 'auto'
   */
  conversion: z
    .enum(['auto', 'llm', 'local'])
    .default('auto')
    .describe(
      'How the generator\'s list is read: `auto` parses it locally and calls the converter only for an answer it cannot read; `llm` always calls the converter (NeMo\'s way); `local` never does.',
    ),
  /**
   * When the list cannot be read or a check fails, drop the input record with a `yaml-conversion: <kind>` reject
   * (written to rejects.jsonl) instead of failing it. `macro-topics` additionally accepts a list of
   * the wrong length as it is (NeMo's semantics). @default false
   */
  ignore_conversion_failure: z
    .boolean()
    .default(false)
    .describe('When the generator\'s list cannot be read or fails a check, drop the input record as a `yaml-conversion: <kind>` reject instead of failing it.'),
  /**
   * When the list (read either way) is longer than requested, keep the first N items instead of failing
   * with `wrong-length`. A shorter list is never padded. This is NeMo's async `trim_topics_list`
   * made explicit and opt-in: NeMo trimmed by default, even without ignoring failures. @default false
   */
  trim_to_length: z
    .boolean()
    .default(false)
    .describe('When the list is longer than asked for, keep its first items instead of failing with `wrong-length`.'),
};

/** How the generator's list is turned into items: see {@link conversionOptionsShape}. */
export type ListConversionMode = 'auto' | 'llm' | 'local';

/** The parsed shared conversion options, as every task of this plugin receives them. */
export interface ConversionOptions {
  readonly conversion: ListConversionMode;
  readonly ignore_conversion_failure: boolean;
  readonly trim_to_length: boolean;
}
