/** A prompt's request for a list of N things: "Generate 5 questions", "Reply with exactly 3 topics". */
export interface ListRequest {
  /** How many items are asked for (1 to {@link maximumListLength}). */
  readonly count: number;
  /** The plural noun naming the items, lower case: `questions`, `topics`, `rewrites`. */
  readonly noun: string;
  /** Where in the prompt the request ends (just after the noun), to look for its subject there. */
  readonly index: number;
  /** True when the prompt asks for bullets rather than numbers. */
  readonly bulleted: boolean;
}

/** The longest list the mock writes; larger counts are cut to it. */
export const maximumListLength = 500;

/**
 * Finds the request for a list in a prompt, or undefined when there is none. The strongest signal
 * wins, the first of equals:
 *
 * 1. `exactly N <things>` ("Reply with exactly 3 topics");
 * 2. a verb followed by a count: `Generate|List|Name|Write|Give (me)|Provide|Create|Suggest|Produce|
 *    Propose|Brainstorm|Come up with N <things>`, and `a list of N <things>`;
 * 3. `N <things>` alone, for nouns that name list items (questions, topics, ideas, tips, examples...).
 *
 * Counts are digits or the words one to twenty; up to three words may stand between the count and
 * the noun ("5 short, practical tips"). Units of length and time ("3 sentences", "200 words",
 * "2 minutes") are never a list.
 */
export function findListRequest(prompt: string): ListRequest | undefined {
  let best: { request: ListRequest; strength: number } | undefined;
  for (const [pattern, strength] of patterns) {
    for (const match of prompt.matchAll(pattern)) {
      const count = parseCount(match.groups!['count']!);
      const noun = match.groups!['noun']!.toLowerCase();
      if (count == null || count < 1 || units.has(noun)) continue;
      if (strength === 1 && !listNouns.test(noun)) continue;
      if (best == null || strength > best.strength) {
        best = {
          strength,
          request: { count: Math.min(count, maximumListLength), noun, index: match.index + match[0].length, bulleted: isBulleted(prompt) },
        };
      }
      break;
    }
  }
  return best?.request;
}

// --- Internal helpers ---

const countWords = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];

const count = `(?<count>\\d{1,6}|${countWords.join('|')})`;
/** Up to three words between the count and the noun: "different", "short, practical". */
const between = `(?:[a-z-]+,?\\s+){0,3}?`;
/** A plural noun: a word of three letters or more that ends in "s". */
const noun = `(?<noun>[a-z-]{2,}s)\\b`;

const patterns: ReadonlyArray<readonly [RegExp, number]> = [
  [new RegExp(`\\bexactly\\s+${count}\\s+${between}${noun}`, 'gi'), 3],
  [
    new RegExp(
      `\\b(?:generate|list|name|write|give(?:\\s+me)?|provide|create|suggest|produce|propose|brainstorm|come\\s+up\\s+with|draft)\\s+(?:me\\s+|us\\s+)?(?:at\\s+least\\s+)?${count}\\s+${between}${noun}`,
      'gi',
    ),
    2,
  ],
  [new RegExp(`\\ba\\s+(?:numbered\\s+|bulleted\\s+|short\\s+)?list\\s+of\\s+${count}\\s+${between}${noun}`, 'gi'), 2],
  [new RegExp(`\\b${count}\\s+${between}${noun}`, 'gi'), 1],
];

/** Nouns that name list items, for a count that stands alone ("write 5 questions" needs no verb). */
const listNouns =
  /^(?:questions|topics|subtopics|subjects|themes|ideas|items|examples|names|titles|tips|facts|reasons|ways|steps|options|suggestions|prompts|requests|tasks|problems|exercises|rewrites|revisions|paraphrases|variations|versions|openlines|instructions|queries|categories|keywords|slogans|headlines|taglines|recipes|activities|questions-and-answers)$/;

/** Units of length, time and quantity: "in 3 sentences" asks for length, not for a list. */
const units = new Set([
  'words', 'sentences', 'paragraphs', 'characters', 'chars', 'letters', 'tokens', 'lines', 'pages', 'bytes',
  'seconds', 'minutes', 'hours', 'days', 'weeks', 'months', 'years', 'decades', 'centuries', 'times', 'percent',
  'dollars', 'euros', 'cents', 'degrees', 'kilometers', 'kilometres', 'miles', 'meters', 'metres', 'kilograms', 'pounds',
  'grams', 'liters', 'litres', 'people', 'persons', 'students', 'users', 'digits', 'decimals', 'is', 'was', 'has', 'does', 'its', 'this',
]);

function parseCount(text: string): number | undefined {
  const word = countWords.indexOf(text.toLowerCase());
  if (word !== -1) return word + 1;
  const number = Number(text);
  return Number.isSafeInteger(number) ? number : undefined;
}

function isBulleted(prompt: string): boolean {
  return /\bbullet(?:ed|s|\s+points?)?\b/i.test(prompt) && !/\bnumbered\b/i.test(prompt);
}
