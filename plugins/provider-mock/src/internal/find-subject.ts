/**
 * What a prompt is about, as a short phrase to write into answers ("cooking and food"). Looked for,
 * in order:
 *
 * 1. a labelled line: `Topic: ...`, `Broad topic: ...`, `Subject: ...`, `Theme: ...`;
 * 2. the text a prompt asks to work on (see {@link findSourceText});
 * 3. the phrase right after `near` when it starts with `of`, `about`, `on`, `for`, `regarding`...
 *    ("5 questions| about photosynthesis"); else what follows `about`, `regarding`, `concerning`,
 *    `covering`, `related to` or `for`, first in the sentence at `near`, then anywhere;
 * 4. the prompt's most frequent content word.
 *
 * Falls back to `this topic` for a prompt with no content words at all.
 */
export function findSubject(prompt: string, near?: number): string {
  return findExplicitSubject(prompt, near) ?? frequentWords(prompt) ?? 'this topic';
}

/**
 * The subject the prompt names (steps 1 to 3 of {@link findSubject}), or undefined when it names
 * none, e.g. "Name 5 broad topics": then the answer chooses its own subjects.
 */
export function findExplicitSubject(prompt: string, near?: number): string | undefined {
  const labelled = subjectLabelPattern.exec(prompt)?.[1];
  if (labelled != null) return asSubjectPhrase(labelled);
  const source = findSourceText(prompt);
  if (source != null) return asSubjectPhrase(source);
  if (near == null) return introducedPhrase(prompt);
  const direct = /^\s+((?:of|about|on|for|regarding|concerning|covering|related to)\s[^\n.,;:!?()]+)/i.exec(prompt.slice(near))?.[1];
  return (direct == null ? undefined : introducedPhrase(direct)) ?? introducedPhrase(sentenceAround(prompt, near)) ?? introducedPhrase(prompt);
}

/**
 * The text a prompt asks to work on (rewrite, answer, classify, grade): a prompt or question between
 * `<prompt>` / `<question>` tags on lines of their own (a judge's rubric), else a labelled line
 * (`Question: ...`, `Request: ...`, `Text: ...`), else the paragraph after a line that ends with a
 * colon ("Here is a request someone sent to an AI assistant:"), else the first double-quoted
 * passage of three or more words. Undefined when there is none.
 */
export function findSourceText(prompt: string): string | undefined {
  const tagged = taggedSourcePattern.exec(prompt)?.[2];
  if (tagged != null && tagged.trim() !== '') return singleLine(tagged);
  const labelled = sourceLabelPattern.exec(prompt)?.[1];
  if (labelled != null) return labelled.trim();
  const paragraphs = prompt.split(/\r?\n[ \t]*\r?\n/);
  for (let index = 0; index + 1 < paragraphs.length; index += 1) {
    const paragraph = paragraphs[index]!.trim();
    const next = paragraphs[index + 1]!.trim();
    if (paragraph.endsWith(':') && next !== '' && !/^\s*(?:\d+[.)]|[-*•])\s/.test(next)) return singleLine(next);
  }
  const quoted = /"([^"\n]{3,400})"/.exec(prompt)?.[1];
  if (quoted != null && quoted.trim().split(/\s+/).length >= 3) return quoted.trim();
  return undefined;
}

/**
 * A phrase cleaned up to sit inside a sentence: one line, no trailing punctuation, at most twelve
 * words, and its first letter lowered when it is a common-noun phrase ("Cooking and food" becomes
 * "cooking and food"; "New York" and "Photosynthesis" stay).
 */
export function asSubjectPhrase(text: string): string {
  const words = singleLine(text).replace(/^["'“‘]+|["'”’.!?;:,]+$/g, '').split(' ').filter((word) => word !== '');
  const phrase = words.slice(0, 12).join(' ');
  if (words.length > 1 && /^[A-Z][a-z]/.test(words[0]!) && /^[a-z]/.test(words[1]!)) {
    return phrase[0]!.toLowerCase() + phrase.slice(1);
  }
  return phrase === '' ? 'this topic' : phrase;
}

// --- Internal helpers ---

const subjectLabelPattern =
  /^[ \t]*(?:broad[ \t]+|main[ \t]+|macro[ \t]+)?(?:topic|subject|theme|subtopic|area|field|domain|category)[ \t]*:[ \t]*(\S[^\n]*)$/im;

const taggedSourcePattern = /^<(prompt|question)>\r?\n([^]*?)\r?\n<\/\1>$/m;

const sourceLabelPattern =
  /^[ \t]*(?:original[ \t]+)?(?:question|request|text|passage|sentence|prompt|instruction|input|statement|claim|openline)[ \t]*:[ \t]*(\S[^\n]*)$/im;

const introducerPattern = /^(?:of|on)\s+([^\n.,;:!?()]+)|\b(?:about|regarding|concerning|covering|related to|on the (?:topic|subject) of|for)\s+([^\n.,;:!?()]+)/i;

/** Words that end an introduced phrase: what follows them says something else (format, audience). */
const phraseEnd = /\s(?:that|which|who|where|when|so|as|in|with|without|using|and make|to help|for|from|each|one|per|reply|write|keep|do|please)\b/i;

function introducedPhrase(text: string): string | undefined {
  const match = introducerPattern.exec(text);
  if (match == null) return undefined;
  const cut = (match[1] ?? match[2]!).split(phraseEnd)[0]!;
  const phrase = asSubjectPhrase(cut);
  const contentWords = phrase.split(' ').filter((word) => !stopWords.has(word.toLowerCase()));
  return contentWords.length === 0 ? undefined : phrase;
}

function sentenceAround(text: string, index: number): string {
  const start = Math.max(text.lastIndexOf('.', index), text.lastIndexOf('\n', index), text.lastIndexOf('?', index)) + 1;
  const ends = ['.', '\n', '?', '!'].map((mark) => text.indexOf(mark, index)).filter((position) => position !== -1);
  return text.slice(start, ends.length === 0 ? text.length : Math.min(...ends));
}

/** The most frequent content word, the longest of equals ("vaccines" in "Explain how vaccines work"). */
function frequentWords(text: string): string | undefined {
  const counts = new Map<string, number>();
  for (const match of text.matchAll(/[A-Za-z][A-Za-z'-]{3,}/g)) {
    const word = match[0].toLowerCase();
    if (!stopWords.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [word, count] of counts) {
    const bestCount = best == null ? 0 : counts.get(best)!;
    if (best == null || count > bestCount || (count === bestCount && word.length > best.length)) best = word;
  }
  return best;
}

function singleLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Instruction and function words that never make a subject. */
const stopWords = new Set(
  (
    'a an the and or but if then than that this these those there their them they what which who whom whose when where why how ' +
    'with without within into onto from over under about above below after before between through during each every some any ' +
    'all both either neither more most less least many much few other another such same very just only also even still ' +
    'your yours you our ours we his her its it is are was were be been being have has had do does did done can could would ' +
    'should shall will might must may not no yes please reply answer respond write give list name generate provide create ' +
    'make produce suggest return output format numbered bulleted items item line lines word words sentence sentences ' +
    'paragraph paragraphs exactly nothing else heading introduction closing remarks form example examples following below ' +
    'text json yaml assistant user someone thing things one two three four five six seven eight nine ten ' +
    'different distinct short long keep each own sure like well here want need help using used use based ' +
    'explain describe tell discuss summarize summarise compare define outline show translate rewrite classify ' +
    'decide check tell briefly detail detailed simple simply good best better make sense'
  ).split(' '),
);
