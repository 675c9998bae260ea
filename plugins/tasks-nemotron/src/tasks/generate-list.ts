import type { JsonRecord, JsonValue, TaskContextV1 } from '@synthkit/core';
import { convertToYamlList } from '../convert-to-yaml-list';
import type { ConversionOptions } from '../options/conversion-options-shape';
import { YamlConversionError } from '../yaml-conversion-error';

/** One list to generate: which template to render, with what, and how many items to expect. */
export interface GenerateListRequest {
  /** Name of the generator's template, one of the task's `templates`. */
  readonly template: string;
  /** Values for the template's placeholders. */
  readonly variables: Readonly<Record<string, JsonValue>>;
  /** The number of items asked for (the task's `n_*` option). */
  readonly expectedLength: number;
  /**
   * With `ignore_conversion_failure`, use a list of the wrong length as it is instead of rejecting
   * the record. Only `macro-topics` sets it, following NeMo. @default false
   */
  readonly acceptWrongLengthWhenIgnoring?: boolean;
}

/**
 * The step every task of this plugin shares: ask the `generator` role for a numbered list (with the
 * role's own recipe parameters), convert it with {@link convertToYamlList}, and apply the stage's
 * failure policy.
 *
 * @returns The items, or `undefined` when a conversion check failed, `ignore_conversion_failure` is
 *   set, and the input record was therefore rejected (`yaml-conversion: <kind>`). The task must then
 *   return no records for this input.
 * @throws YamlConversionError when a check fails and `ignore_conversion_failure` is false.
 */
export async function generateList(
  context: TaskContextV1<ConversionOptions>,
  request: GenerateListRequest,
): Promise<string[] | undefined> {
  const { options } = context;
  const { text } = await context.generate({
    role: 'generator',
    template: request.template,
    variables: request.variables,
  });
  try {
    return await convertToYamlList(context, {
      llmResponse: text,
      expectedLength: request.expectedLength,
      trimToLength: options.trim_to_length,
    });
  } catch (error) {
    if (!YamlConversionError.isInstance(error) || !options.ignore_conversion_failure) throw error;
    if (error.kind === 'wrong-length' && request.acceptWrongLengthWhenIgnoring === true && error.items !== undefined) {
      return [...error.items];
    }
    context.reject(`yaml-conversion: ${error.kind}`, rejectDetails(error));
    return undefined;
  }
}

// --- Internal helpers ---

/** What goes to rejects.jsonl for an ignored conversion failure: enough to see why without rerunning. */
function rejectDetails(error: YamlConversionError): JsonRecord {
  const details: JsonRecord = {
    kind: error.kind,
    message: error.message,
    original_text: error.originalText,
    converted_text: error.convertedText,
  };
  if (error.item !== undefined) details.item = typeof error.item === 'string' ? error.item : JSON.stringify(error.item) ?? String(error.item);
  if (error.expectedLength !== undefined) details.expected_length = error.expectedLength;
  if (error.items !== undefined) details.items = [...error.items];
  return details;
}
