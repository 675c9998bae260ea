import { lowerFirst } from './answer-vocabulary';
import { findQuotedDocument, sentencesOf, titleOf } from './find-quoted-document';
import type { ListRequest } from './find-list-request';
import { findExplicitSubject, findSourceText } from './find-subject';
import type { SeededRandom } from './seeded-random';
import {
  closedQAShapes,
  codingProblemShapes,
  mathAreas,
  mathFacets,
  mathProblemShapes,
  programmingConcepts,
  programmingFacets,
  writingRequestShapes,
  writingRequirementShapes,
} from './task-list-vocabulary';

/**
 * The items of a list the generation pipelines beyond open QA ask for, or undefined when the
 * prompt is not one of them (the general list rules answer it):
 *
 * - questions or instructions about a quoted document (closed QA): instructions that refer to
 *   "the document", its title and its facts;
 * - requests to write a text of a kind (`Kind of text: poem`): writing requests naming the kind and the subject;
 * - rewrites of a writing request: the request with added requirements (length, tone, structure, reader);
 * - problems in mathematics: self-contained problems with numbers, each naming the topic;
 * - problems in a programming language (`Python programming problems`): coding tasks in that language;
 * - topics or areas of mathematics with no subject: areas of mathematics; with a subject (`Broad topic:`),
 *   narrower parts that name it;
 * - concepts of programming with no subject: programming concepts; with one, narrower parts that name it.
 *
 * `request.count` distinct items, in an order drawn from `random`.
 */
export function taskListItems(prompt: string, request: ListRequest, random: SeededRandom): string[] | undefined {
  const { noun, count } = request;
  const document = findQuotedDocument(prompt);
  const instructions = document?.instructions ?? prompt;
  const subject = findExplicitSubject(instructions, request.index);
  const asks = (nouns: RegExp) => nouns.test(noun);
  if (document != null && asks(/^(?:questions|instructions|requests|prompts|tasks)$/)) {
    const title = lowerFirst(titleOf(document.text) ?? firstWords(document.text));
    const facts = sentencesOf(document.text).map((sentence) => lowerFirst(firstWords(sentence)));
    return distinct(count, random.shuffle(closedQAShapes).map((shape, index) => shape(title, facts[index % Math.max(1, facts.length)] ?? title)));
  }
  const kind = /^[ \t]*kind of text[ \t]*:[ \t]*(\S[^\n]*)$/im.exec(prompt)?.[1]?.trim();
  if (kind != null && asks(/^(?:requests|tasks|prompts|instructions)$/)) {
    return distinct(count, random.shuffle(writingRequestShapes).map((shape) => shape(kind.toLowerCase(), lowerFirst(subject ?? 'everyday life'))));
  }
  if (/\bwriting request\b/i.test(prompt) && asks(/^(?:rewrites|revisions|versions|variations)$/)) {
    const original = asSentence(findSourceText(prompt) ?? 'Write a short text.');
    return distinct(count, random.shuffle(writingRequirementShapes).map((shape) => shape(original)));
  }
  // The pipelines name their topic on a labelled line (`Topic:`, `Broad topic:`); other phrases of
  // these prompts ("for students at this level") are not topics.
  const labelled = /^[ \t]*(?:broad[ \t]+)?topic[ \t]*:[ \t]*(\S[^\n]*)$/im.exec(prompt)?.[1]?.trim();
  const topic = labelled ?? 'this topic';
  if (asks(/^problems$/) && /\bmathemati/i.test(prompt)) {
    return distinct(count, random.shuffle(mathProblemShapes).map((shape) => shape(lowerFirst(topic), (minimum, maximum) => random.integer(minimum, maximum))));
  }
  const language = /\b([A-Z][\w+#-]*) programming problems\b/.exec(prompt)?.[1];
  if (language != null && asks(/^problems$/)) {
    return distinct(count, random.shuffle(codingProblemShapes).map((shape) => shape(language, lowerFirst(topic))));
  }
  if (asks(/^(?:topics|subtopics|areas|concepts)$/)) {
    if (/\b(?:area|areas|topic|branch) of mathematics\b|\bareas of mathematics\b/i.test(prompt)) {
      return distinct(count, labelled == null ? random.shuffle(mathAreas) : random.shuffle(mathFacets).map((shape) => shape(lowerFirst(labelled))));
    }
    if (/\bprogramm(?:ing|er)\b/i.test(prompt)) {
      return distinct(count, labelled == null ? random.shuffle(programmingConcepts) : random.shuffle(programmingFacets).map((shape) => shape(lowerFirst(labelled))));
    }
  }
  return undefined;
}

// --- Internal helpers ---

/** `count` distinct items from the pool, numbered ("..., part 2") past its end. */
function distinct(count: number, pool: ReadonlyArray<string>): string[] {
  const items: string[] = [];
  for (let round = 0; items.length < count; round += 1) {
    for (const item of pool) {
      if (items.length === count) break;
      items.push(round === 0 ? item : `${item.replace(/[.?!]$/, '')} (variant ${round + 1})${/[.?!]$/.exec(item)?.[0] ?? ''}`);
    }
  }
  return items;
}

/** The first words of a text (up to six), without final punctuation. */
function firstWords(text: string): string {
  return text.replace(/^#+\s*/, '').split(/\s+/).slice(0, 6).join(' ').replace(/[.,;:!?]+$/, '');
}

function asSentence(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return /[.?!]$/.test(line) ? line : `${line}.`;
}
