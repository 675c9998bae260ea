import type { DefinedTaskContext, GenerationParams } from '@synthkit/core';
import { parse as parseYaml } from 'yaml';
import { checkListItems } from './check-list-items';
import type { conversionTemplates } from './prompts/conversion-templates';
import { truncateForMessage } from './truncate-for-message';
import { YamlConversionError } from './yaml-conversion-error';

/** The model role the conversion call goes to. */
export const converterRole = 'converter';

/**
 * Parameters the conversion call recommends: the converter must copy, not create, so sampling is
 * turned off. Sent as the call's `defaults`, so they win over a recipe's `params.default` but a
 * recipe's `params.converter` (or a stage's) still overrides them.
 */
export const defaultConversionParams: GenerationParams = { temperature: 0 };

/** What to convert and how strictly. */
export interface ConvertToYamlListRequest {
  /** The generator's raw answer: the free-text list to convert. Fills the template's `{llm_response}`. */
  readonly llmResponse: string;
  /** The number of items required. Omit to skip the length check (as NeMo's own conversion does). */
  readonly expectedLength?: number;
  /**
   * Keep the first `expectedLength` items of a longer list instead of failing with `wrong-length`.
   * A shorter list is never padded and still fails. @default false
   */
  readonly trimToLength?: boolean;
  /**
   * Parameters sent over everything the recipe sets for the converter, for callers in code.
   * Recipes set converter parameters under `params.converter` instead.
   */
  readonly params?: GenerationParams;
}

/**
 * Turns a generator's free-text list into a list of strings: the `converter` role rewrites the
 * answer as a YAML list (template `yaml-conversion`, which the task declares by spreading
 * `conversionTemplates` into its templates), which is then parsed and checked.
 *
 * Steps, each check with its own {@link YamlConversionError} kind, in this order:
 *
 * 1. A code fence surrounding the whole converter answer (```` ```yaml ````, ```` ```yml ```` or a
 *    bare ```` ``` ````) is removed: models often add one even when told not to.
 * 2. `parse-error`: the text is parsed with yaml@2's `parse`, which is safe by default (core
 *    schema, no custom tags, no code execution, alias expansion capped).
 * 3. `not-a-list`: the result must be a list.
 * 4. `non-string-item`: every item must be a string (`null` from an empty `- ` line is not).
 * 5. The checks every list goes through, however it was read ({@link checkListItems}): items are
 *    trimmed and empty ones dropped, then `hallucination` (every item must occur verbatim in the
 *    generator's answer, so the converter cannot reword or invent items) and `wrong-length` (when
 *    `expectedLength` is given, after trimming a longer list to length if `trimToLength` is set).
 *
 * @returns The trimmed items, in the converter's order.
 * @throws YamlConversionError when a check fails. Errors of the conversion call itself (e.g.
 *   `APICallError`) propagate unchanged.
 */
export async function convertToYamlList(
  context: Pick<DefinedTaskContext<unknown, typeof converterRole, typeof conversionTemplates>, 'generate'>,
  request: ConvertToYamlListRequest,
): Promise<string[]> {
  const { llmResponse, expectedLength, trimToLength = false, params } = request;
  const { text: convertedText } = await context.generate({
    role: converterRole,
    template: 'yaml-conversion',
    variables: { llm_response: llmResponse },
    defaults: defaultConversionParams,
    ...(params == null ? {} : { params }),
  });
  const failure = { originalText: llmResponse, convertedText, expectedLength };

  let parsed: unknown;
  try {
    parsed = parseYaml(stripSurroundingCodeFence(convertedText));
  } catch (cause) {
    throw new YamlConversionError({
      ...failure,
      kind: 'parse-error',
      message: `the converter's answer is not valid YAML (${firstLine(cause)}).`,
      cause,
    });
  }

  if (!Array.isArray(parsed)) {
    throw new YamlConversionError({
      ...failure,
      kind: 'not-a-list',
      message: `the converter's answer is ${describeValue(parsed)}, not a YAML list.`,
    });
  }

  const nonStringIndex = parsed.findIndex((item) => typeof item !== 'string');
  if (nonStringIndex !== -1) {
    const item: unknown = parsed[nonStringIndex];
    throw new YamlConversionError({
      ...failure,
      kind: 'non-string-item',
      item,
      message: `item ${nonStringIndex + 1} of the converted list is ${describeValue(item)}, not a string (an item containing ": " must be quoted).`,
    });
  }

  return checkListItems(parsed as string[], { conversion: 'llm', originalText: llmResponse, convertedText, expectedLength, trimToLength });
}

// --- Internal helpers ---

/** A whole answer wrapped in one code fence, with an optional language tag such as `yaml`. */
const surroundingCodeFencePattern = /^\s*```[\w-]*[ \t]*\r?\n([\s\S]*?)\r?\n?[ \t]*```\s*$/;

/** Removes a code fence around the whole text; text that is not entirely fenced is returned as is. */
function stripSurroundingCodeFence(text: string): string {
  return surroundingCodeFencePattern.exec(text)?.[1] ?? text;
}

/** The first line of an error's message, for a one-line summary of a YAML parse error. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n', 1)[0] ?? message;
}

/** Names a parsed YAML value the way a user would recognise it in the converter's answer. */
function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map (key: value pairs)';
  if (typeof value === 'string') return `a single string ${JSON.stringify(truncateForMessage(value))}`;
  return `the ${typeof value} ${String(value)}`;
}

