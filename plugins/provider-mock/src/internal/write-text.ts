import { answerSentences, lowerFirst, subjectFacets } from './answer-vocabulary';
import { findSubject } from './find-subject';
import type { SeededRandom } from './seeded-random';

/**
 * A plain answer of three to five sentences about the prompt's subject (see `findSubject`), in
 * one paragraph. The sentences and the sides of the subject they mention are drawn from `random`.
 */
export function writeText(prompt: string, random: SeededRandom): string {
  const subject = findSubject(prompt);
  const facets = random.shuffle(subjectFacets).map((facet) => lowerFirst(facet(subject)));
  const [opening, ...rest] = answerSentences;
  const sentences = [opening!, ...random.shuffle(rest).slice(0, random.integer(2, 4))];
  return sentences.map((sentence, index) => sentence(subject, facets[index]!)).join(' ');
}
