import type { ResponseFormat } from '@synthkit/core';
import { findListRequest } from './find-list-request';
import { findSubject } from './find-subject';
import type { SeededRandom } from './seeded-random';
import { writeDocumentAnswer } from './write-document-answer';
import { isEntityClassification, writeEntityVerdict } from './write-entity-verdict';
import { writeJson } from './write-json';
import { formatList, writeList } from './write-list';
import { taskListItems } from './write-task-list';
import { writeText } from './write-text';
import { isUserTurnRequest, writeUserTurn } from './write-user-turn';
import { writeYamlList, isYamlConversion } from './write-yaml-list';
import { isYesNoQuestion, writeYesNo } from './write-yes-no';

/** What kind of answer the mock wrote, in the order the kinds are tried. */
export type MockAnswerKind = 'json' | 'user-turn' | 'yaml-list' | 'document' | 'yes-no' | 'list' | 'text';

/**
 * The mock's answer to a prompt, by the first rule that applies:
 *
 * 1. `json`: a response format was asked: a JSON value that fits its schema, or with no schema a
 *    JSON object `{ "answer": "..." }`;
 * 2. `user-turn`: the prompt asks to play the user of the conversation it shows and write the
 *    user's next message: a follow-up question about the conversation's subject;
 * 3. `yaml-list`: the prompt asks to convert a list into a YAML list: its items, verbatim;
 * 4. `document`: the prompt quotes a document and asks for question-answer pairs, a translation, a
 *    list of its points or a rewrite of it: that, in the format it asks for (see `writeDocumentAnswer`);
 * 5. `yes-no`: the prompt asks for a yes/no answer (or whether an `<entity>` belongs to a field):
 *    `Yes` or `No`;
 * 6. `list`: the prompt asks for N things: a numbered list of N distinct items (writing requests,
 *    closed-QA instructions, math and coding problems and topics by `taskListItems`, else `writeList`);
 * 7. `text`: a few sentences about the prompt's subject.
 */
export function writeAnswer(prompt: string, responseFormat: ResponseFormat | undefined, random: SeededRandom): { kind: MockAnswerKind; text: string } {
  if (responseFormat != null) {
    const text =
      responseFormat.schema == null
        ? JSON.stringify({ answer: writeText(prompt, random) })
        : writeJson(responseFormat.schema, findSubject(prompt), prompt, random);
    return { kind: 'json', text };
  }
  if (isUserTurnRequest(prompt)) return { kind: 'user-turn', text: writeUserTurn(prompt, random) };
  if (isYamlConversion(prompt)) return { kind: 'yaml-list', text: writeYamlList(prompt) };
  const documentAnswer = writeDocumentAnswer(prompt, random);
  if (documentAnswer != null) return { kind: 'document', text: documentAnswer };
  if (isEntityClassification(prompt)) return { kind: 'yes-no', text: writeEntityVerdict(random) };
  if (isYesNoQuestion(prompt)) return { kind: 'yes-no', text: writeYesNo(random) };
  const list = findListRequest(prompt);
  if (list != null) {
    const items = taskListItems(prompt, list, random);
    return { kind: 'list', text: items == null ? writeList(prompt, list, random) : formatList(items, list) };
  }
  return { kind: 'text', text: writeText(prompt, random) };
}
