import { lowerFirst, subjectFacets } from './answer-vocabulary';
import { findSubject } from './find-subject';
import type { SeededRandom } from './seeded-random';

/**
 * True for a prompt that asks a model to play the user of a conversation and write the user's next
 * message, like the Nemotron conversation tasks' `user-turn` template ("You now play the user.
 * Write the user's next message in this conversation."). Checked before lists and yes/no
 * questions: the conversation it shows may ask for either.
 */
export function isUserTurnRequest(prompt: string): boolean {
  return userTurnPattern.test(prompt);
}

/**
 * The user's next message: one follow-up question about the conversation's subject (the subject of
 * its first user turn), with no label, as a user would type it. A prompt asking for a short,
 * critical or concise turn gets a one-line challenge; one asking for a demanding turn gets a
 * question with constraints; any other a plain follow-up. Never a list, never a yes/no question.
 */
export function writeUserTurn(prompt: string, random: SeededRandom): string {
  const opening = openingTurnOf(prompt);
  const subject = findSubject(opening ?? prompt);
  const facet = lowerFirst(random.pick(subjectFacets)(subject));
  const shapes = /\b(?:concise|brief|short and pointed|critical(?:ly)?)\b/i.test(prompt)
    ? conciseFollowUps
    : /\b(?:demanding|complex|deeper reasoning|constraints)\b/i.test(prompt)
      ? demandingFollowUps
      : plainFollowUps;
  // Consecutive follow-ups of one conversation take consecutive shapes from a start fixed by its
  // opening turn, so they never repeat one another (until the shapes run out).
  const userTurns = (prompt.match(/<user>/gi) ?? []).length;
  return shapes[(textHash(opening ?? prompt) + userTurns) % shapes.length]!(subject, facet);
}

// --- Internal helpers ---

/** "the user's next message", "play the user", "next message from the user"... */
const userTurnPattern =
  /\buser['’]s\s+next\s+(?:message|turn|reply|question)\b|\bnext\s+(?:message|turn)\s+(?:of|from|for)\s+the\s+user\b|\b(?:play|playing|act\s+as|impersonate|pretend\s+to\s+be)\s+the\s+user\b/i;

/**
 * The conversation's first user turn: the first `<user>` block, else the first `User:` line.
 * Undefined when the prompt shows neither.
 */
function openingTurnOf(prompt: string): string | undefined {
  const tagged = /<user>\s*([\s\S]*?)\s*<\/user>/i.exec(prompt)?.[1];
  if (tagged != null && tagged !== '') return tagged;
  return /^\s*user\s*:\s*(\S.*)$/im.exec(prompt)?.[1];
}

// Every follow-up names the subject right after its first "about", so the mock's answer to it
// (see findSubject) is about the same subject, and no "for" or "on" comes before it.

const plainFollowUps: ReadonlyArray<(subject: string, facet: string) => string> = [
  (s, f) => `Thanks, that helps. What else should I know about ${s}, especially ${f}?`,
  (s) => `Can you give me a concrete example about ${s} from everyday life?`,
  (s) => `I am still not sure I follow. Could you explain the basics about ${s} as you would to a complete beginner?`,
  (s, f) => `That makes sense. What should I read next about ${s}, if I want to understand ${f}?`,
  (s) => `What do people most often get wrong about ${s}?`,
];

const demandingFollowUps: ReadonlyArray<(subject: string, facet: string) => string> = [
  (s, f) => `Let us go deeper. Thinking about ${s}, walk me through ${f} step by step, and say where each step could go wrong.`,
  (s, f) => `Suppose I only have a small budget and one month to learn about ${s}. How would you plan around ${f}, and what would you leave out?`,
  (s) => `About ${s}: how would your answer change if I were an expert rather than a beginner, and which parts would you then treat differently?`,
  (s, f) => `Thinking about ${s}, can you compare your explanation with ${f} and argue which approach is stronger?`,
];

const conciseFollowUps: ReadonlyArray<(subject: string, facet: string) => string> = [
  (s) => `Are you sure about ${s}?`,
  (s) => `Too vague. What exactly do you mean about ${s}?`,
  (s) => `Which source says that about ${s}?`,
  (s) => `Shorter, please: what is the one thing to know about ${s}?`,
];

/** A small, stable hash of a text (31-based polynomial, 32 bits). */
function textHash(text: string): number {
  let hash = 0;
  for (let index = 0; index < text.length; index += 1) hash = (hash * 31 + text.charCodeAt(index)) >>> 0;
  return hash;
}
