/** A document a prompt quotes for the model to work on, and the prompt's instructions around it. */
export interface QuotedDocument {
  /** The document's text, trimmed. */
  readonly text: string;
  /** The prompt without the document: what it asks for, so a document's own words never steer the answer. */
  readonly instructions: string;
}

/**
 * The document a prompt quotes, or undefined: the text between `<text>` (or `<document>`) tags
 * on lines of their own, between `--- START OF DOCUMENT ---` and `--- END OF DOCUMENT ---` lines, or after a line that
 * is only `Text:` (or `Document:`) up to the prompt's last paragraph (its closing instruction).
 * Short texts (fewer than six words) are not documents.
 */
export function findQuotedDocument(prompt: string): QuotedDocument | undefined {
  for (const pattern of delimitedPatterns) {
    const match = pattern.exec(prompt);
    const text = match?.groups?.['text'];
    if (match != null && text != null && wordCount(text) >= minimumWords) return quoted(prompt, match.index, match.index + match[0].length, text);
  }
  const label = /^[ \t]*(?:text|document|passage)[ \t]*:[ \t]*\r?\n/im.exec(prompt);
  if (label == null) return undefined;
  const start = label.index + label[0].length;
  const end = prompt.lastIndexOf('\n\n');
  if (end <= start) return undefined;
  const text = prompt.slice(start, end);
  return wordCount(text) >= minimumWords ? quoted(prompt, label.index, end, text) : undefined;
}

/**
 * The sentences of a text, in order: Markdown headings and list marks removed, lines and
 * paragraphs joined, split after `.`, `!` or `?` followed by a space and a capital letter or digit.
 */
export function sentencesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:#+\s+|[-*•]\s+|\d+[.)]\s+)/, '').trim())
    .filter((line) => line !== '')
    .map((line) => (/[.!?:]$/.test(line) ? line : `${line}.`))
    .join(' ')
    .split(/(?<=[.!?])\s+(?=["'“(]?[A-Z0-9])/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => wordCount(sentence) >= 3);
}

/** The first line of a text, without Markdown heading marks, when it reads like a title (no final full stop). */
export function titleOf(text: string): string | undefined {
  const first = text.trim().split(/\r?\n/)[0]?.replace(/^#+\s*/, '').trim();
  return first != null && first !== '' && !/[.!?]$/.test(first) && wordCount(first) <= 12 ? first : undefined;
}

// --- Internal helpers ---

const minimumWords = 6;

const delimitedPatterns: ReadonlyArray<RegExp> = [
  // The tags on lines of their own: "between the <text> tags" in a sentence is not the document.
  /^[ \t]*<(?<tag>text|document)>[ \t]*\r?\n(?<text>[\s\S]*?)\r?\n[ \t]*<\/\k<tag>>[ \t]*$/im,
  /^[ \t]*-{3,}\s*START OF DOCUMENT\s*-{3,}[ \t]*\r?\n(?<text>[\s\S]*?)\r?\n[ \t]*-{3,}\s*END OF DOCUMENT\s*-{3,}/im,
];

function quoted(prompt: string, start: number, end: number, text: string): QuotedDocument {
  return { text: text.trim(), instructions: `${prompt.slice(0, start)}\n${prompt.slice(end)}` };
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => word !== '').length;
}
