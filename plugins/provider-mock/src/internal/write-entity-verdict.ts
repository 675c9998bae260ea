import type { SeededRandom } from './seeded-random';

/**
 * True for a prompt that asks whether the entity between `<entity>` tags belongs to a field, with
 * an answer that starts with "Yes" or "No" (the Nemotron classifiers).
 */
export function isEntityClassification(prompt: string): boolean {
  return /<entity>[\s\S]*<\/entity>/i.test(prompt) && /"Yes"/.test(prompt) && /"No"/.test(prompt);
}

/**
 * "Yes" (about three times in four, as most entities a topic tree produces belong to its field) or
 * "No", each followed by one short sentence, as the classifiers allow.
 */
export function writeEntityVerdict(random: SeededRandom): string {
  return random.chance(0.75) ? 'Yes. It is a standard part of the field.' : 'No. It belongs mainly to another field.';
}
