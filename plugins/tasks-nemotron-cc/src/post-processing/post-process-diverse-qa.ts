import { reject, type PostProcessResult } from './post-process-answer';

/** The header line the diverse QA prompt asks the answer to begin with (NeMo Curator's `prefix`). */
export const diverseQAHeader = 'Here are the questions and answers based on the provided text:';

/** What {@link postProcessDiverseQA} needs besides the document and the answer. */
export interface DiverseQASettings {
  /** The document's length in tokens: longer documents keep more pairs. */
  readonly documentTokens: number;
  /** At most this many pairs per 150 tokens of document are kept (at least 1 pair always is). */
  readonly maxNumPairs: number;
  /** Uniform numbers in [0, 1): the task's seeded `context.random`, so a fixed seed picks the same pairs. */
  readonly random: () => number;
  /** The header line dropped from the start of the answer. @default diverseQAHeader */
  readonly header?: string;
}

/**
 * NeMo Curator's diverse QA post-processor. The answer is split into question-answer pairs: its
 * non-blank lines are trimmed and lose a leading `- `, a first line equal to the header is dropped,
 * each line beginning with `Question:` starts a pair and every other line joins the current pair
 * after a line break. The pairs are shuffled, and the first
 * `randint(1, max(1, floor(maxNumPairs × documentTokens / 150)))` of them are kept (drawn with
 * `random`). The output is the document, a blank line, and the kept pairs separated by blank lines.
 *
 * An answer that gives no pair is rejected, never written as "": an empty answer, one with only the
 * header, and one with a line before its first `Question:` line (such as an answer that begins with
 * `Answer:`), as NeMo drops those rows.
 */
export function postProcessDiverseQA(document: string, answer: string, settings: DiverseQASettings): PostProcessResult {
  const { documentTokens, maxNumPairs, random, header = diverseQAHeader } = settings;
  let lines = answer
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => (line.startsWith('- ') ? line.slice(2).trim() : line));
  if (lines.length === 0) return reject('no question-answer pairs: the answer is empty');
  if (lines[0] === header) lines = lines.slice(1);
  const pairs: string[] = [];
  for (const line of lines) {
    if (line.startsWith('Question:')) {
      pairs.push(line);
    } else if (pairs.length > 0) {
      pairs[pairs.length - 1] += `\n${line}`;
    } else {
      return reject('no question-answer pairs: a line comes before the first line beginning with "Question:"', { line: line.slice(0, 80) });
    }
  }
  if (pairs.length === 0) return reject('no question-answer pairs: the answer holds the header line and nothing else');
  shuffle(pairs, random);
  const kept = pairs.slice(0, randomInteger(1, Math.max(1, Math.floor((maxNumPairs * documentTokens) / 150)), random));
  return { text: `${document}\n\n${kept.join('\n\n')}` };
}

// --- Internal helpers ---

/** Shuffles in place (Fisher–Yates, from the end, as Python's `random.shuffle`). */
function shuffle<Item>(items: Item[], random: () => number): void {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
}

/** A whole number from `low` to `high`, both included (Python's `random.randint`). */
function randomInteger(low: number, high: number, random: () => number): number {
  return low + Math.floor(random() * (high - low + 1));
}
