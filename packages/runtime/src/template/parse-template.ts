import { TemplateError } from '@synthkit/core';

/** A run of literal text in a parsed template. `{{` and `}}` have already been turned into `{` and `}`. */
export interface TemplateTextSegment {
  readonly type: 'text';
  readonly text: string;
}

/** A `{name}` slot in a parsed template. */
export interface TemplatePlaceholderSegment {
  readonly type: 'placeholder';
  /** The variable name, matching `[A-Za-z_][A-Za-z0-9_]*`. */
  readonly name: string;
}

/** One piece of a parsed template, in text order. */
export type TemplateSegment = TemplateTextSegment | TemplatePlaceholderSegment;

/**
 * A template text split into literal text and placeholders, ready to render many times without
 * parsing again. Frozen: parsed templates are cached and shared.
 */
export interface ParsedTemplate {
  /** Text and placeholders in order. Adjacent text is merged, so two text segments never follow each other. */
  readonly segments: ReadonlyArray<TemplateSegment>;
  /** Every placeholder name, once each, in order of first use. */
  readonly placeholders: ReadonlyArray<string>;
}

/** Where a template text sits, for error messages. */
export interface ParseTemplateOptions {
  /**
   * Which part of the template the text is, e.g. `system` or `user`, so errors can say
   * "of the user text". Omitted from messages when absent.
   */
  readonly field?: string;
}

/**
 * Splits a template text into literal text and `{placeholder}` slots.
 *
 * Syntax: `{name}` is a slot, where `name` matches `[A-Za-z_][A-Za-z0-9_]*`; `{{` and `}}` are a literal
 * `{` and `}`. Nothing else is allowed inside braces (no spaces, dots, indexes or expressions),
 * because rendering only substitutes values and never evaluates anything.
 *
 * The parser makes one pass over the text (linear time, no regular expressions), so a long or
 * hostile template cannot make it slow.
 *
 * @param text The template text.
 * @param templateName Name of the template, used in error messages.
 * @throws TemplateError for an unclosed `{`, a single `}`, an empty `{}` or an invalid name such as
 *   `{a.b}` or `{ a }`. The message gives the line, column and offset (0-based, in UTF-16 code units),
 *   a short excerpt, and how to fix it.
 */
export function parseTemplate(text: string, templateName: string, options: ParseTemplateOptions = {}): ParsedTemplate {
  const segments: TemplateSegment[] = [];
  const placeholders: string[] = [];
  const seen = new Set<string>();
  let pendingText = '';
  let textStart = 0;
  let index = 0;

  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === closeBrace) {
      if (text.charCodeAt(index + 1) !== closeBrace) {
        throw syntaxError(text, index, templateName, options.field, 'single "}"', 'Write "}}" for a literal "}".');
      }
      pendingText += text.slice(textStart, index + 1);
      index += 2;
      textStart = index;
      continue;
    }
    if (code !== openBrace) {
      index += 1;
      continue;
    }
    if (text.charCodeAt(index + 1) === openBrace) {
      pendingText += text.slice(textStart, index + 1);
      index += 2;
      textStart = index;
      continue;
    }

    let nameEnd = index + 1;
    if (nameEnd < text.length && isNameStart(text.charCodeAt(nameEnd))) {
      nameEnd += 1;
      while (nameEnd < text.length && isNamePart(text.charCodeAt(nameEnd))) nameEnd += 1;
    }
    if (nameEnd === index + 1 || text.charCodeAt(nameEnd) !== closeBrace) {
      throw malformedPlaceholderError(text, index, templateName, options.field);
    }

    pendingText += text.slice(textStart, index);
    if (pendingText !== '') segments.push(Object.freeze({ type: 'text', text: pendingText }));
    pendingText = '';
    const name = text.slice(index + 1, nameEnd);
    segments.push(Object.freeze({ type: 'placeholder', name }));
    if (!seen.has(name)) {
      seen.add(name);
      placeholders.push(name);
    }
    index = nameEnd + 1;
    textStart = index;
  }

  pendingText += text.slice(textStart);
  if (pendingText !== '') segments.push(Object.freeze({ type: 'text', text: pendingText }));
  return Object.freeze({ segments: Object.freeze(segments), placeholders: Object.freeze(placeholders) });
}

// --- Internal helpers ---

const openBrace = 0x7b;
const closeBrace = 0x7d;
const newline = 0x0a;

/** How many characters of context an error excerpt shows on each side of the problem. */
const excerptRadius = 20;

/** `[A-Za-z_]` */
function isNameStart(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
}

/** `[A-Za-z0-9_]` */
function isNamePart(code: number): boolean {
  return isNameStart(code) || (code >= 0x30 && code <= 0x39);
}

/**
 * Explains a `{` that does not start a valid `{name}`. Looks ahead (once, on the error path only) for
 * a `}` on the same line to tell an unclosed brace from a bad name.
 */
function malformedPlaceholderError(
  text: string,
  offset: number,
  templateName: string,
  field: string | undefined,
): TemplateError {
  let end = offset + 1;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (code === closeBrace || code === openBrace || code === newline) break;
    end += 1;
  }
  if (text.charCodeAt(end) !== closeBrace) {
    return syntaxError(
      text,
      offset,
      templateName,
      field,
      'unclosed "{"',
      'Close the placeholder with "}", or write "{{" for a literal "{".',
    );
  }

  const content = text.slice(offset + 1, end);
  if (content === '') {
    return syntaxError(
      text,
      offset,
      templateName,
      field,
      'empty placeholder "{}"',
      'Put a variable name between the braces, e.g. "{topic}", or write "{{}}" for literal braces.',
    );
  }

  const trimmed = content.trim();
  const hints = ['Placeholders are plain variable names matching [A-Za-z_][A-Za-z0-9_]*; nothing inside braces is evaluated.'];
  if (trimmed !== content && isValidName(trimmed)) hints.push(`Remove the spaces: "{${trimmed}}".`);
  else if (content.includes('.') || content.includes('[')) {
    hints.push('Attribute and index access are not supported: pass the value as its own variable.');
  }
  hints.push('Write "{{" and "}}" for literal braces (e.g. in JSON examples).');
  return syntaxError(text, offset, templateName, field, `invalid placeholder "{${content}}"`, hints.join(' '));
}

function isValidName(candidate: string): boolean {
  if (candidate === '' || !isNameStart(candidate.charCodeAt(0))) return false;
  for (let index = 1; index < candidate.length; index += 1) {
    if (!isNamePart(candidate.charCodeAt(index))) return false;
  }
  return true;
}

/** Builds the error: what, where (line, column, offset and excerpt), and how to fix it. */
function syntaxError(
  text: string,
  offset: number,
  templateName: string,
  field: string | undefined,
  problem: string,
  fix: string,
): TemplateError {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset; index += 1) {
    if (text.charCodeAt(index) === newline) {
      line += 1;
      lineStart = index + 1;
    }
  }
  const column = offset - lineStart + 1;
  const where = `line ${line}, column ${column} (offset ${offset})${field == null ? '' : ` of the ${field} text`}`;
  return new TemplateError({
    template: templateName,
    message: `${problem} at ${where}, near ${excerpt(text, offset)}. ${fix}`,
  });
}

/** A short quoted slice of `text` around `offset`, with `…` where it was cut and escapes for newlines. */
function excerpt(text: string, offset: number): string {
  let start = Math.max(0, offset - excerptRadius);
  let end = Math.min(text.length, offset + excerptRadius);
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start -= 1;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end += 1;
  return JSON.stringify(`${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`);
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
