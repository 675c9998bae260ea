import { measurePythonComments } from './measure-python-comments';

/**
 * The languages `heuristic:general-comment-to-code` reads, by MIME type, as the `comment_parser`
 * package NeMo Curator uses names them.
 */
export const commentLanguages = [
  'text/x-c',
  'text/x-c++',
  'text/x-java',
  'text/x-java-source',
  'application/javascript',
  'text/x-javascript',
  'text/x-go',
  'text/x-python',
  'text/x-script.python',
  'text/x-ruby',
  'text/x-shellscript',
  'text/html',
  'text/xml',
] as const;

/** A MIME type of {@link commentLanguages}. */
export type CommentLanguage = (typeof commentLanguages)[number];

/**
 * The texts of the comments in `source`, without their markers (`//`, `/* … *\/`, `#`, `<!-- … -->`),
 * as `comment_parser.extract_comments_from_str` gives them: string literals are skipped, so a `//`
 * inside a string is not a comment. `undefined` when the source cannot be read (an unterminated
 * string or comment), where `comment_parser` raises.
 */
export function extractComments(source: string, language: CommentLanguage): string[] | undefined {
  switch (language) {
    case 'text/html':
    case 'text/xml':
      return extractMarkupComments(source);
    case 'text/x-python':
    case 'text/x-script.python':
      return measurePythonComments(source) === undefined ? undefined : extractHashComments(source, ['"', "'"]);
    case 'text/x-ruby':
    case 'text/x-shellscript':
      return extractHashComments(source, ['"', "'"]);
    case 'text/x-go':
    case 'application/javascript':
    case 'text/x-javascript':
      return extractSlashComments(source, ['"', "'", '`']);
    default:
      return extractSlashComments(source, ['"', "'"]);
  }
}

// --- Internal helpers ---

function extractSlashComments(source: string, quotes: ReadonlyArray<string>): string[] | undefined {
  return scanComments(source, quotes, '//', ['/*', '*/']);
}

function extractHashComments(source: string, quotes: ReadonlyArray<string>): string[] | undefined {
  return scanComments(source, quotes, '#');
}

/**
 * The comments of `source`, in order: line comments from `lineMarker` to the end of the line, and
 * block comments between `block`'s markers, skipping string literals opened by one of `quotes`.
 * Undefined for an unterminated string or block comment (the text is not code of that language).
 */
function scanComments(
  source: string,
  quotes: ReadonlyArray<string>,
  lineMarker: string,
  block?: readonly [open: string, close: string],
): string[] | undefined {
  const comments: string[] = [];
  let index = 0;
  while (index < source.length) {
    const character = source[index]!;
    if (quotes.includes(character)) {
      const end = skipString(source, index, character);
      if (end === undefined) return undefined;
      index = end;
    } else if (source.startsWith(lineMarker, index)) {
      let end = source.indexOf('\n', index);
      if (end === -1) end = source.length;
      comments.push(source.slice(index + lineMarker.length, end));
      index = end;
    } else if (block != null && source.startsWith(block[0], index)) {
      const end = source.indexOf(block[1], index + block[0].length);
      if (end === -1) return undefined;
      comments.push(source.slice(index + block[0].length, end));
      index = end + block[1].length;
    } else {
      index++;
    }
  }
  return comments;
}

function extractMarkupComments(source: string): string[] | undefined {
  const comments: string[] = [];
  for (let start = source.indexOf('<!--'); start !== -1; start = source.indexOf('<!--', start)) {
    const end = source.indexOf('-->', start + 4);
    if (end === -1) return undefined;
    comments.push(source.slice(start + 4, end));
    start = end + 3;
  }
  return comments;
}

/** Index after the string literal opened by `quote` at `start`; undefined when it never closes. */
function skipString(source: string, start: number, quote: string): number | undefined {
  let index = start + 1;
  while (index < source.length) {
    const character = source[index]!;
    if (character === '\\') index += 2;
    else if (character === quote) return index + 1;
    else if (character === '\n' && quote !== '`') return undefined;
    else index++;
  }
  return undefined;
}
