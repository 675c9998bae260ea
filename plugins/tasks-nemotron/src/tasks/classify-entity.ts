import type { JsonRecord } from '@synthkit/core';
import { z } from 'zod';
import type { EntityClassificationOptions } from '../options/entity-classification-options-schema';
import { parseYesNoAnswer } from '../parse-yes-no-answer';
import { truncateForMessage } from '../truncate-for-message';
import { readTextField } from './read-text-field';

/** What an entity classification task writes: `{ [output]: verdict }`; the field is named by the option `output`. */
export const verdictRecordSchema = z.record(z.string(), z.boolean());

/** What {@link classifyEntity} needs of a task's context. */
export interface ClassifyEntityContext {
  readonly options: EntityClassificationOptions;
  reject(reason: string, details?: JsonRecord): void;
}

/** The parameters a classification call recommends: temperature 0, so the same entity gets the same verdict. */
export const classificationDefaults = { temperature: 0 } as const;

/**
 * The `run` of an entity classification task: reads the entity from the option `field`, asks the
 * generator through `ask` whether it belongs to `domain`, and returns `[{ [output]: verdict }]`.
 * Rejects the record (and returns no record) when the entity is blank (no model call), when the
 * answer does not start with Yes or No (`unparseable classification: …`), and, with `keep:
 * matching`, when the verdict is false (`classified as not <domain>: …`).
 *
 * @param domain What a matching entity is, for the reasons: `math`.
 * @param ask Sends the entity to the generator with the task's template; resolves to the answer's text.
 * @throws Error when the field is missing or not text, naming the record's fields (the record fails).
 */
export async function classifyEntity(
  input: JsonRecord,
  context: ClassifyEntityContext,
  domain: string,
  ask: (entity: string) => Promise<string>,
): Promise<Array<Record<string, boolean>>> {
  const { field, output, keep } = context.options;
  const entity = readTextField(input, field, 'entity');
  if (entity.trim() === '') {
    context.reject(`blank entity: the field "${field}" is empty, so there is nothing to classify`, { field });
    return [];
  }
  const answer = await ask(entity);
  const verdict = parseYesNoAnswer(answer);
  const answerStart = truncateForMessage(answer.trim(), 80);
  if (verdict === undefined) {
    context.reject(`unparseable classification: the answer should start with Yes or No, but starts ${JSON.stringify(answerStart)}`, {
      field,
      entity: truncateForMessage(entity, 200),
      answer_start: answerStart,
    });
    return [];
  }
  if (!verdict && keep === 'matching') {
    context.reject(`classified as not ${domain}: ${JSON.stringify(truncateForMessage(entity, 80))} (keep: matching)`, {
      field,
      entity: truncateForMessage(entity, 200),
      answer_start: answerStart,
    });
    return [];
  }
  return [{ [output]: verdict }];
}
