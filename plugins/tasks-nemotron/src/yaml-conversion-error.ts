import { SynthkitError } from '@synthkit/core';

const name = 'SYNTHKIT_YamlConversionError';
const marker = `synthkit.error.${name}`;
const symbol = Symbol.for(marker);

/**
 * What went wrong when turning a generator's free-text list into a YAML list, in the order the
 * checks run:
 *
 * - `parse-error`: the converter's answer is not valid YAML.
 * - `not-a-list`: it is valid YAML but not a list (a map, a single string, nothing).
 * - `non-string-item`: the list holds something other than a string (a number, `null`, a map).
 * - `hallucination`: an item does not appear in the generator's answer, so the converter reworded
 *   or invented it.
 * - `wrong-length`: the list does not have the requested number of items.
 */
export type YamlConversionFailureKind = 'parse-error' | 'not-a-list' | 'non-string-item' | 'hallucination' | 'wrong-length';

/**
 * How a list was read: `local`, by `parseListLocally` (no model call); `llm`, by the converter
 * model (`convertToYamlList`).
 */
export type ListConversionPath = 'local' | 'llm';

/**
 * Turning a generator's answer into a list of items failed one of the checks, whichever way the
 * list was read (`conversion`: locally by `parseListLocally`, or by the converter model in
 * `convertToYamlList`). Tasks throw it when `ignore_conversion_failure` is false (the record fails
 * and the run exits non-zero) and turn it into a `yaml-conversion: <kind>` reject otherwise.
 *
 * A list read locally fails only with `parse-error` (an answer the parser cannot read with
 * certainty), `not-a-list` (no list in it) or `wrong-length`.
 *
 * The message says what went wrong and how to fix it.
 */
export class YamlConversionError extends SynthkitError {
  private readonly [symbol] = true;

  /** Which check failed. */
  readonly kind: YamlConversionFailureKind;
  /** How the list was read: `local` (no model call) or `llm` (the converter model). */
  readonly conversion: ListConversionPath;
  /** The generator's answer, as it was read (or given to the converter). */
  readonly originalText: string;
  /**
   * The converter's answer, as it came back (before any code fence was removed). Undefined when
   * the list was read locally: no converter was called.
   */
  readonly convertedText: string | undefined;
  /** The offending item: the non-string item or the hallucinated string. Undefined for other kinds. */
  readonly item: unknown;
  /** The number of items that was asked for, when a length was checked. */
  readonly expectedLength: number | undefined;
  /**
   * The converted list, when conversion got as far as a list of strings (`hallucination`,
   * `wrong-length`). Lets a caller that tolerates a wrong length use the list anyway.
   */
  readonly items: ReadonlyArray<string> | undefined;

  constructor({
    kind,
    message,
    conversion = 'llm',
    originalText,
    convertedText,
    item,
    expectedLength,
    items,
    cause,
  }: {
    kind: YamlConversionFailureKind;
    /** What went wrong, in one or two sentences; the fix hint for the kind is appended. */
    message: string;
    /** How the list was read. @default 'llm' */
    conversion?: ListConversionPath;
    originalText: string;
    /** The converter's answer; omit it for a list read locally. */
    convertedText?: string;
    item?: unknown;
    expectedLength?: number;
    items?: ReadonlyArray<string>;
    cause?: unknown;
  }) {
    const what = conversion === 'llm' ? 'YAML list conversion failed' : 'Reading the list without the converter failed';
    super({ name, message: `${what} (${kind}): ${message} ${fixHint(kind, conversion)}`, cause });
    this.kind = kind;
    this.conversion = conversion;
    this.originalText = originalText;
    this.convertedText = convertedText;
    this.item = item;
    this.expectedLength = expectedLength;
    this.items = items;
  }

  static override isInstance(error: unknown): error is YamlConversionError {
    return SynthkitError.hasMarker(error, marker);
  }
}

// --- Internal helpers ---

const ignoreHint =
  'or set ignore_conversion_failure: true to drop such records (each is written to rejects.jsonl).';

/** How to fix each kind of failure, appended to the message. */
function fixHint(kind: YamlConversionFailureKind, conversion: ListConversionPath): string {
  if (conversion === 'local' && (kind === 'parse-error' || kind === 'not-a-list')) {
    return `To fix: set conversion: auto (the default) so the converter model reads the answers the local parser cannot, make the template ask for a plain numbered list, ${ignoreHint}`;
  }
  switch (kind) {
    case 'parse-error':
    case 'not-a-list':
    case 'non-string-item':
      return `To fix: raise the converter's maxTokens if its answer was cut off, use a stronger converter model, override the yaml-conversion template, ${ignoreHint}`;
    case 'hallucination':
      return `To fix: use a stronger converter model, keep its temperature at 0 (the default unless params.converter sets another), ${ignoreHint}`;
    case 'wrong-length':
      return `To fix: raise the generator's maxTokens if its list was cut off, use a stronger generator model, set trim_to_length: true to keep the first N items of a longer list, ${ignoreHint}`;
  }
}
