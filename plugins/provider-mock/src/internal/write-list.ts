import {
  adviceShapes,
  broadTopics,
  itemQualifiers,
  questionShapes,
  rewriteShapes,
  subjectFacets,
  upperFirst,
} from './answer-vocabulary';
import { findExplicitSubject, findSourceText, findSubject } from './find-subject';
import type { ListRequest } from './find-list-request';
import type { SeededRandom } from './seeded-random';

/**
 * Writes the numbered (or bulleted) list a prompt asks for: exactly `request.count` distinct
 * items, one per line, with nothing before or after. What the items are depends on the noun:
 *
 * - questions, requests, prompts, queries, instructions: questions about the prompt's subject;
 * - rewrites, revisions, paraphrases, variations, versions: the request the prompt quotes,
 *   rewritten with added context or a constraint on the answer (each item contains it whole);
 * - topics or subjects with no subject named in the prompt: broad subject areas;
 * - tips, ideas, steps, ways, suggestions, strategies: pieces of advice about the prompt's subject;
 * - anything else (subtopics, facts, examples...): narrower sides of the prompt's subject.
 *
 * Which shapes are used, and in what order, is drawn from `random`.
 */
export function writeList(prompt: string, request: ListRequest, random: SeededRandom): string {
  return formatList(listItems(prompt, request, random), request);
}

/** Items as the list a request asks for: `1. item` lines, or `- item` lines when it asks for bullets. */
export function formatList(items: ReadonlyArray<string>, request: ListRequest): string {
  return items.map((item, index) => (request.bulleted ? `- ${item}` : `${index + 1}. ${item}`)).join('\n');
}

// --- Internal helpers ---

function listItems(prompt: string, request: ListRequest, random: SeededRandom): string[] {
  const { noun, count } = request;
  if (/^(?:questions|requests|prompts|queries|instructions|openlines|tasks|problems|exercises)$/.test(noun)) {
    return distinctItems(count, random, questionShapes, findSubject(prompt, request.index));
  }
  if (/^(?:rewrites|revisions|paraphrases|variations|versions|rephrasings|reformulations|alternatives)$/.test(noun)) {
    const source = findSourceText(prompt) ?? upperFirst(findSubject(prompt, request.index));
    return distinctItems(count, random, rewriteShapes, asSentence(source));
  }
  const subject = findExplicitSubject(prompt, request.index);
  if (subject == null && /^(?:topics|subjects|areas|themes|categories|fields|domains)$/.test(noun)) {
    return distinctItems(count, random, broadTopics.map((topic) => () => topic), '');
  }
  const shapes = /^(?:tips|ideas|steps|ways|suggestions|strategies|recommendations|habits|practices)$/.test(noun) ? adviceShapes : subjectFacets;
  return distinctItems(count, random, shapes, subject ?? findSubject(prompt, request.index));
}

/**
 * `count` distinct items from the shapes in a random order; once every shape is used, the shapes
 * again with a qualifier ("for beginners"), and past those, numbered.
 */
function distinctItems(count: number, random: SeededRandom, shapes: ReadonlyArray<(subject: string) => string>, subject: string): string[] {
  const items: string[] = [];
  const seen = new Set<string>();
  const order = random.shuffle(shapes);
  const qualifiers = random.shuffle(itemQualifiers);
  for (let round = 0; items.length < count; round += 1) {
    for (const shape of order) {
      if (items.length === count) break;
      const item = qualify(shape(subject), round, qualifiers);
      if (seen.has(item)) continue;
      seen.add(item);
      items.push(item);
    }
  }
  return items;
}

/** The item as it is in round 0, with a qualifier in the next rounds, and numbered after those. */
function qualify(item: string, round: number, qualifiers: ReadonlyArray<string>): string {
  if (round === 0) return item;
  const qualifier = qualifiers[(round - 1) % qualifiers.length]!;
  const series = Math.floor((round - 1) / qualifiers.length);
  const suffix = series === 0 ? qualifier : `${qualifier}, part ${series + 1}`;
  const mark = /[.?!]$/.exec(item)?.[0];
  return mark == null ? `${item} ${suffix}` : `${item.slice(0, -1)} (${suffix})${mark}`;
}

/** One line ending in a full stop or question mark, so rewrites can add sentences after it. */
function asSentence(text: string): string {
  const line = upperFirst(text.replace(/\s+/g, ' ').trim());
  return /[.?!]$/.test(line) ? line : `${line}.`;
}
