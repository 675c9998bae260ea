import { findQuotedDocument, sentencesOf, type QuotedDocument } from './find-quoted-document';
import type { SeededRandom } from './seeded-random';

/**
 * The answer to a prompt that quotes a document and asks for something made from it, in the format
 * the prompt's instructions (never the document) ask for; undefined for any other prompt, including
 * one that asks for a numbered list of N things about a document (the list rules answer those):
 *
 * - question-answer pairs (a format line `Question: ... Answer: ...`): the header line the format
 *   shows, then `- Question: ... Answer: ...` pairs, each answered by a sentence of the document
 *   (as many as the prompt's "up to N", at most one per sentence);
 * - a translation (`Translate ... into <Language>`): the text marked with the language, `[French] ...`
 *   (the mock cannot translate; the marker shows which language each record was for);
 * - a list of points (`one point per line beginning with "- "`): one `- ` line per sentence;
 * - a rewrite (rewrite, rephrase, paraphrase, simplify, summarise, condense, shorten): the document's
 *   sentences as prose, the first two thirds when it asks for a shorter version, in two paragraphs
 *   when it asks for passages; preceded by the line the prompt says to begin with (`Begin your answer
 *   with "Paraphrased Text:"`), when it says one.
 */
export function writeDocumentAnswer(prompt: string, random: SeededRandom): string | undefined {
  const document = findQuotedDocument(prompt);
  if (document == null) return undefined;
  const { instructions } = document;
  const sentences = sentencesOf(document.text);
  if (sentences.length === 0) return undefined;
  if (/^[ \t]*-?[ \t]*Question:.*Answer:/im.test(instructions)) return questionAnswerPairs(document, sentences, random);
  const language = /\btranslate\b[^\n]*?\binto\s+([A-Z][\p{L}-]*(?:\s+[A-Z][\p{L}-]*)?)/iu.exec(instructions)?.[1];
  if (language != null) return `[${language}] ${document.text}`;
  if (/\bbeginning with "- "|\bone (?:point|fact|item) per line\b/i.test(instructions)) return sentences.map((sentence) => `- ${sentence}`).join('\n');
  if (!/\b(?:rewrite|rephrase|paraphrase|simplify|summari[sz]e|condense|shorten|distil+)\b/i.test(instructions)) return undefined;
  const shorter = /\b(?:shorter|summari[sz]e|condense|distil+)\b/i.test(instructions);
  const kept = shorter ? sentences.slice(0, Math.max(1, Math.ceil((sentences.length * 2) / 3))) : sentences;
  const body = /\bpassages?\b/i.test(instructions) && kept.length >= 4 ? [kept.slice(0, kept.length >> 1), kept.slice(kept.length >> 1)].map((part) => part.join(' ')).join('\n\n') : kept.join(' ');
  const prefix = /\bbegin (?:your (?:answer|reply)|it) with (?:the line )?"([^"\n]+)"/i.exec(instructions)?.[1];
  return prefix == null ? body : `${prefix}\n${body}`;
}

// --- Internal helpers ---

function questionAnswerPairs(document: QuotedDocument, sentences: ReadonlyArray<string>, random: SeededRandom): string {
  const lines = document.instructions.split(/\r?\n/);
  const formatLine = lines.findIndex((line) => /^[ \t]*-?[ \t]*Question:/i.test(line));
  const header = formatLine > 0 && /\S/.test(lines[formatLine - 1]!) && !/\bformat\b/i.test(lines[formatLine - 1]!) ? lines[formatLine - 1]!.trim() : undefined;
  const limit = Number(/\bup to (\d{1,3})\b/i.exec(document.instructions)?.[1] ?? /\b(\d{1,3}) questions\b/i.exec(document.instructions)?.[1] ?? 4);
  const chosen = sentences.slice(0, Math.max(1, Math.min(limit, sentences.length)));
  const pairs = chosen.map((sentence, index) => {
    const shape = questionShapes[(index + random.integer(0, questionShapes.length - 1)) % questionShapes.length]!;
    return `- ${shape(sentence)}`;
  });
  return [...(header == null ? [] : [header]), ...pairs].join('\n');
}

/** A question-answer pair answered by a sentence of the text: a yes/no question, or a statement to complete. */
const questionShapes: ReadonlyArray<(sentence: string) => string> = [
  (sentence) => `Question: Is it true that ${lowerFirst(sentence.replace(/[.!?]$/, ''))}? Answer: Yes. ${sentence}`,
  (sentence) => {
    const words = sentence.split(/\s+/);
    const half = Math.max(2, Math.floor(words.length / 2));
    return `Question: How does the text complete the statement that begins "${words.slice(0, half).join(' ')}"? Answer: ${sentence}`;
  },
];

/** The sentence with its first letter in lower case, unless it starts with a name or an acronym. */
function lowerFirst(sentence: string): string {
  return /^[A-Z][a-z]+\s+[a-z]/.test(sentence) && !/^(?:I|I'm|I've)\s/.test(sentence) ? sentence[0]!.toLowerCase() + sentence.slice(1) : sentence;
}
