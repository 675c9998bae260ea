import type { ResponseFormat } from '@synthkit/core';
import { findListRequest } from './find-list-request';
import { findSubject } from './find-subject';
import type { SeededRandom } from './seeded-random';
import { writeJson } from './write-json';
import { writeList } from './write-list';
import { writeText } from './write-text';
import { isUserTurnRequest, writeUserTurn } from './write-user-turn';
import { writeYamlList, isYamlConversion } from './write-yaml-list';
import { isYesNoQuestion, writeYesNo } from './write-yes-no';

/** What kind of answer the mock wrote, in the order the kinds are tried. */
export type MockAnswerKind = 'json' | 'user-turn' | 'yaml-list' | 'yes-no' | 'list' | 'text';

/**
 * The mock's answer to a prompt, by the first rule that applies:
 *
 * 1. `json`: a response format was asked: a JSON value that fits its schema, or with no schema a
 *    JSON object `{ "answer": "..." }`;
 * 2. `user-turn`: the prompt asks to play the user of the conversation it shows and write the
 *    user's next message: a follow-up question about the conversation's subject;
 * 3. `yaml-list`: the prompt asks to convert a list into a YAML list: its items, verbatim;
 * 4. `yes-no`: the prompt asks for a yes/no answer: `Yes` or `No`;
 * 5. `list`: the prompt asks for N things: a numbered list of N distinct items;
 * 6. `text`: a few sentences about the prompt's subject.
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
  if (isYesNoQuestion(prompt)) return { kind: 'yes-no', text: writeYesNo(random) };
  const list = findListRequest(prompt);
  if (list != null) return { kind: 'list', text: writeList(prompt, list, random) };
  return { kind: 'text', text: writeText(prompt, random) };
}
