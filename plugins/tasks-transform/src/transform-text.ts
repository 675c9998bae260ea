import { readTextField, type GenerationParams, type JsonRecord, type JsonValue, type TaskGenerateRequestV1, type TaskGenerateResultV1 } from '@synthkit/core';
import type { TextTransformOptions } from './options/text-transform-options';
import { blankAnswerReason, usableAnswers } from './usable-answers';

/** What {@link transformText} needs of a task's context. */
export interface TextTransformContext {
  readonly options: TextTransformOptions;
  reject(reason: string, details?: JsonRecord): void;
  generate(request: TaskGenerateRequestV1): Promise<TaskGenerateResultV1>;
}

/** The call {@link transformText} makes to the `generator` role for one text. */
export interface TextTransformRequest {
  /** The task's template to render; it gets the text as `{text}`, beside `variables`. */
  readonly template: string;
  /** The template's other placeholders. Default: none. */
  readonly variables?: Readonly<Record<string, JsonValue>>;
  /** The parameters the task recommends (`temperature`); the recipe's for the role win. */
  readonly defaults?: GenerationParams;
  /** How many results to ask for in the one call; each becomes a record. Default: 1. */
  readonly n?: number;
  /**
   * Why a usable answer must still not be kept (e.g. the model's "nothing to teach here"), or
   * undefined to keep it. The record is rejected with the first reason when no answer is kept.
   */
  readonly check?: (answer: string) => string | undefined;
}

/**
 * A ready-made transform's run for one record: reads the text of `options.field`, rejects a blank
 * text without a request, asks the `generator` role for the results, and returns one
 * `{ [options.output]: result }` record per usable answer (trimmed; see {@link usableAnswers}).
 * When no answer is usable, the input is rejected with the reason, and nothing is returned.
 *
 * @throws Error when the record lacks the field or holds no text there (see {@link readTextField}).
 */
export async function transformText(input: JsonRecord, context: TextTransformContext, request: TextTransformRequest): Promise<Array<Record<string, string>>> {
  const { field, output } = context.options;
  const text = readTextField(input, field);
  if (text.trim() === '') {
    context.reject(`blank text: the field "${field}" is empty, so there is nothing to transform`);
    return [];
  }
  const { n = 1, check } = request;
  const { texts } = await context.generate({
    role: 'generator',
    template: request.template,
    variables: { ...request.variables, text },
    ...(request.defaults == null ? {} : { defaults: request.defaults }),
    ...(n === 1 ? {} : { params: { n } }),
  });
  const answers = usableAnswers(texts);
  const refusals = answers.map((answer) => check?.(answer));
  const kept = answers.filter((_answer, index) => refusals[index] == null);
  if (kept.length === 0) {
    const refusal = refusals.find((reason) => reason != null);
    context.reject(refusal ?? blankAnswerReason, refusal == null ? undefined : { answer: answers[0]! });
    return [];
  }
  return kept.map((result) => ({ [output]: result }));
}
