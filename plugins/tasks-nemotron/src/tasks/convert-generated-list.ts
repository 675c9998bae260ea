import type { DefinedTaskContext, JsonRecord } from '@synthkit/core';
import { checkListItems } from '../check-list-items';
import { convertToYamlList, type converterRole } from '../convert-to-yaml-list';
import type { ConversionOptions } from '../options/conversion-options-shape';
import { parseListLocally, type LocalListProblem } from '../parse-list-locally';
import type { conversionTemplates } from '../prompts/conversion-templates';
import { YamlConversionError } from '../yaml-conversion-error';

/** One generator answer to turn into items, and how many items it should hold. */
export interface ConvertGeneratedListRequest {
  /** The generator's answer: the numbered list its template asked for. */
  readonly llmResponse: string;
  /** The number of items asked for (the task's `n_*` option). Omit it to accept any number of items. */
  readonly expectedLength?: number;
  /**
   * With `ignore_conversion_failure`, use a list of the wrong length as it is instead of rejecting
   * the record. Only the macro-topics tasks set it, following NeMo. @default false
   */
  readonly acceptWrongLengthWhenIgnoring?: boolean;
  /** Fields added to the reject's details when the failure is ignored, e.g. `{ text_material_type }`. */
  readonly rejectDetails?: JsonRecord;
}

/**
 * The step every task of this plugin takes after asking the `generator` role for a numbered list:
 * read the list the way the stage's `conversion` option says, check it, and apply the stage's
 * failure policy. Use it in list tasks of your own (spread `conversionOptionsShape` into their
 * options and `conversionTemplates` into their templates).
 *
 * - `auto`: {@link parseListLocally}; when it cannot read the answer, {@link convertToYamlList}
 *   (one converter call). A list read locally is not sent to the converter even when its length
 *   is wrong: the converter only copies items, so it cannot supply missing ones.
 * - `llm`: {@link convertToYamlList}, always.
 * - `local`: {@link parseListLocally}, never a model call; an answer it cannot read fails with
 *   `not-a-list` (no list) or `parse-error` (anything else).
 *
 * The record's `_meta.calls` shows which way it went: a converter call (template
 * `yaml-conversion`) after the generator's call means the converter read the list; none means it
 * was read locally. A reject's details say it too (`conversion: local | llm`, and `local_problem`
 * when `auto` fell back to the converter).
 *
 * @returns The items, or `undefined` when a check failed, `ignore_conversion_failure` is set, and
 *   the input record was therefore rejected (`yaml-conversion: <kind>`). The task must then return
 *   no records for this answer.
 * @throws YamlConversionError when a check fails and `ignore_conversion_failure` is false.
 */
export async function convertGeneratedList(
  context: Pick<DefinedTaskContext<ConversionOptions, typeof converterRole, typeof conversionTemplates>, 'generate' | 'options' | 'reject'>,
  request: ConvertGeneratedListRequest,
): Promise<string[] | undefined> {
  const { options } = context;
  const { llmResponse, expectedLength } = request;
  const trimToLength = options.trim_to_length;
  let localProblem: LocalListProblem | undefined;
  try {
    if (options.conversion !== 'llm') {
      const parsed = parseListLocally(llmResponse);
      if (parsed.ok) return checkListItems(parsed.items, { conversion: 'local', originalText: llmResponse, expectedLength, trimToLength });
      if (options.conversion === 'local') {
        throw new YamlConversionError({
          kind: parsed.problem === 'no-list' ? 'not-a-list' : 'parse-error',
          conversion: 'local',
          originalText: llmResponse,
          expectedLength,
          message: `${parsed.message} (${parsed.problem}).`,
        });
      }
      localProblem = parsed.problem;
    }
    return await convertToYamlList(context, { llmResponse, expectedLength, trimToLength });
  } catch (error) {
    if (!YamlConversionError.isInstance(error) || !options.ignore_conversion_failure) throw error;
    if (error.kind === 'wrong-length' && request.acceptWrongLengthWhenIgnoring === true && error.items !== undefined) {
      return [...error.items];
    }
    context.reject(`yaml-conversion: ${error.kind}`, {
      ...request.rejectDetails,
      ...rejectDetails(error),
      ...(localProblem === undefined ? {} : { local_problem: localProblem }),
    });
    return undefined;
  }
}

// --- Internal helpers ---

/** What goes to rejects.jsonl for an ignored conversion failure: enough to see why without rerunning. */
function rejectDetails(error: YamlConversionError): JsonRecord {
  const details: JsonRecord = {
    kind: error.kind,
    conversion: error.conversion,
    message: error.message,
    original_text: error.originalText,
  };
  if (error.convertedText !== undefined) details.converted_text = error.convertedText;
  if (error.item !== undefined) details.item = typeof error.item === 'string' ? error.item : JSON.stringify(error.item) ?? String(error.item);
  if (error.expectedLength !== undefined) details.expected_length = error.expectedLength;
  if (error.items !== undefined) details.items = [...error.items];
  return details;
}
