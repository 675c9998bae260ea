import type { SeededRandom } from './seeded-random';

/**
 * True for a prompt that asks for a yes/no answer: it names both words as the choices ("Answer yes
 * or no", `Reply "Yes" or "No"`, "YES/NO").
 */
export function isYesNoQuestion(prompt: string): boolean {
  return /\byes\b["'”’*]*\s*(?:\/|\bor\b|,)\s*["'“‘*]*no\b/i.test(prompt) || /\bno\b["'”’*]*\s*(?:\/|\bor\b)\s*["'“‘*]*yes\b/i.test(prompt);
}

/** "Yes" or "No", each with even chances. */
export function writeYesNo(random: SeededRandom): string {
  return random.chance(0.5) ? 'Yes' : 'No';
}
