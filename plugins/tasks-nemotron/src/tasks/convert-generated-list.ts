import type { DefinedTaskContext, JsonRecord } from '@synthkit/core';
import { convertToYamlList, type converterRole } from '../convert-to-yaml-list';
import type { ConversionOptions } from '../options/conversion-options-shape';
import type { conversionTemplates } from '../prompts/conversion-templates';
import { YamlConversionError } from '../yaml-conversion-error';

/** One generator answer to convert, and how many items it should hold. */
export interface ConvertGeneratedListRequest {
  /** The generator's answer: the numbered list its template asked for. */
  readonly llmResponse: string;
  /** The number of items asked for (the task's `n_*` option). */
  readonly expectedLength: number;
  /**
   * With `ignore_conversion_failure`, use a list of the wrong length as it is instead of rejecting
   * the record. Only `macro-topics` sets it, following NeMo. @default false
   */
  readonly acceptWrongLengthWhenIgnoring?: boolean;
}

/**
 * The step every task of this plugin takes after asking the `generator` role for a numbered list:
 * convert the answer with {@link convertToYamlList} and apply the stage's failure policy.
 *
 * @returns The items, or `undefined` when a conversion check failed, `ignore_conversion_failure` is
 *   set, and the input record was therefore rejected (`yaml-conversion: <kind>`). The task must then
 *   return no records for this input.
 * @throws YamlConversionError when a check fails and `ignore_conversion_failure` is false.
 */
export async function convertGeneratedList(
  context: Pick<DefinedTaskContext<ConversionOptions, typeof converterRole, typeof conversionTemplates>, 'generate' | 'options' | 'reject'>,
  request: ConvertGeneratedListRequest,
): Promise<string[] | undefined> {
  const { options } = context;
  try {
    return await convertToYamlList(context, {
      llmResponse: request.llmResponse,
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
