import { countCodePoints } from '../text/count-code-points';

/** What {@link measurePythonComments} finds in Python source. */
export interface PythonCommentMeasurements {
  /** Code points of all `#` comments, `#` included, as Python's tokenizer gives them. */
  readonly commentLength: number;
  /**
   * Code points of the module, class and function docstrings (not `async def`), each cleaned as
   * `ast.get_docstring` does (`inspect.cleandoc`), joined with newlines.
   */
  readonly docstringLength: number;
}

/**
 * Measures the comments and docstrings of Python source, as NeMo Curator's comment-to-code filter
 * extracts them with Python's `tokenize` and `ast`. Returns `undefined` when the source cannot be
 * tokenized: an unterminated string, unbalanced brackets (prose with an apostrophe usually fails
 * here, as it does in Python). Other syntax errors, which `ast.parse` would refuse, are not detected:
 * this is a lexer, not a parser.
 */
export function measurePythonComments(source: string): PythonCommentMeasurements | undefined {
  const lexed = lexPython(source);
  if (lexed === undefined) return undefined;
  const docstrings = findDocstrings(lexed.lines)
    .map((docstring) => cleanDocstring(docstring))
    .filter((docstring) => docstring !== '');
  const docstringLength = docstrings.reduce((total, docstring) => total + countCodePoints(docstring), 0) + Math.max(0, docstrings.length - 1);
  return { commentLength: lexed.commentLength, docstringLength };
}

// --- Internal helpers ---

type Token =
  | { readonly kind: 'name'; readonly value: string }
  | { readonly kind: 'string'; readonly value: string; readonly plain: boolean }
  | { readonly kind: 'operator'; readonly value: string }
  | { readonly kind: 'other' };

interface LogicalLine {
  readonly indent: number;
  readonly tokens: Token[];
}

function lexPython(source: string): { lines: LogicalLine[]; commentLength: number } | undefined {
  const lines: LogicalLine[] = [];
  let commentLength = 0;
  let tokens: Token[] = [];
  let indent = 0;
  let depth = 0;
  let atLineStart = true;
  let index = 0;
  const endLogicalLine = () => {
    if (tokens.length > 0) lines.push({ indent, tokens });
    tokens = [];
    atLineStart = true;
  };
  while (index < source.length) {
    const character = source[index]!;
    if (atLineStart && depth === 0) {
      let column = 0;
      while (source[index] === ' ' || source[index] === '\t' || source[index] === '\f') {
        column = source[index] === '\t' ? (Math.floor(column / 8) + 1) * 8 : column + 1;
        index++;
      }
      indent = column;
      atLineStart = false;
      continue;
    }
    if (character === '#') {
      let end = index;
      while (end < source.length && source[end] !== '\n' && source[end] !== '\r') end++;
      commentLength += countCodePoints(source, index, end);
      index = end;
    } else if (character === '\n' || character === '\r') {
      index += character === '\r' && source[index + 1] === '\n' ? 2 : 1;
      if (depth === 0) endLogicalLine();
    } else if (character === '\\' && (source[index + 1] === '\n' || source[index + 1] === '\r')) {
      index += source[index + 1] === '\r' && source[index + 2] === '\n' ? 3 : 2; // line continuation
    } else if (character === ' ' || character === '\t' || character === '\f') {
      index++;
    } else if (character === '"' || character === "'") {
      const string = readString(source, index, '');
      if (string === undefined) return undefined;
      tokens.push(string.token);
      index = string.end;
    } else if (/[\p{L}\p{Nl}_]/u.test(character) || character.charCodeAt(0) >= 0xd800) {
      let end = index + 1;
      while (end < source.length && /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]/u.test(source[end]!)) end++;
      const word = source.slice(index, end);
      if ((source[end] === '"' || source[end] === "'") && /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/.test(word)) {
        const string = readString(source, end, word.toLowerCase());
        if (string === undefined) return undefined;
        tokens.push(string.token);
        index = string.end;
      } else {
        tokens.push({ kind: 'name', value: word });
        index = end;
      }
    } else if ('([{'.includes(character)) {
      depth++;
      tokens.push({ kind: 'operator', value: character });
      index++;
    } else if (')]}'.includes(character)) {
      if (depth === 0) return undefined; // a closing bracket without its opening one
      depth--;
      tokens.push({ kind: 'operator', value: character });
      index++;
    } else if (character === ':' || character === ';') {
      tokens.push({ kind: 'operator', value: character });
      index++;
    } else {
      tokens.push({ kind: 'other' });
      index++;
    }
  }
  if (depth !== 0) return undefined; // EOF in a multi-line statement
  endLogicalLine();
  return { lines, commentLength };
}

/** Reads a string literal whose quote is at `start` (after its prefix); undefined when unterminated. */
function readString(source: string, start: number, prefix: string): { token: Token; end: number } | undefined {
  const quote = source[start]!;
  const triple = source.startsWith(quote.repeat(3), start);
  const delimiter = triple ? quote.repeat(3) : quote;
  let index = start + delimiter.length;
  while (index < source.length) {
    const character = source[index]!;
    if (character === '\\') {
      index += 2;
      continue;
    }
    if (!triple && (character === '\n' || character === '\r')) return undefined;
    if (source.startsWith(delimiter, index)) {
      const body = source.slice(start + delimiter.length, index);
      const raw = prefix.includes('r');
      const plain = !prefix.includes('b') && !prefix.includes('f');
      return { token: { kind: 'string', value: raw ? body : decodeEscapes(body), plain }, end: index + delimiter.length };
    }
    index++;
  }
  return undefined;
}

/** The docstrings of the module, classes and (non-async) functions, as the raw string values. */
function findDocstrings(lines: ReadonlyArray<LogicalLine>): string[] {
  const docstrings: string[] = [];
  const first = lines[0];
  if (first !== undefined) {
    const value = stringStatement(first.tokens);
    if (value !== undefined) docstrings.push(value);
  }
  lines.forEach((line, lineIndex) => {
    const keyword = line.tokens[0];
    if (keyword?.kind !== 'name' || (keyword.value !== 'def' && keyword.value !== 'class')) return;
    const colon = headerColon(line.tokens);
    if (colon === -1) return;
    let value: string | undefined;
    if (colon < line.tokens.length - 1) {
      const body = line.tokens.slice(colon + 1);
      const semicolon = body.findIndex((token) => token.kind === 'operator' && token.value === ';');
      value = stringStatement(semicolon === -1 ? body : body.slice(0, semicolon));
    } else {
      const next = lines[lineIndex + 1];
      if (next !== undefined && next.indent > line.indent) value = stringStatement(next.tokens);
    }
    if (value !== undefined) docstrings.push(value);
  });
  return docstrings;
}

/** Index of the `:` ending a `def` or `class` header: the first one outside brackets. */
function headerColon(tokens: ReadonlyArray<Token>): number {
  let depth = 0;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.kind !== 'operator') continue;
    if ('([{'.includes(token.value)) depth++;
    else if (')]}'.includes(token.value)) depth--;
    else if (token.value === ':' && depth === 0) return index;
  }
  return -1;
}

/** The value of a statement made only of plain string literals (implicitly concatenated), else undefined. */
function stringStatement(tokens: ReadonlyArray<Token>): string | undefined {
  if (tokens.length === 0) return undefined;
  let value = '';
  for (const token of tokens) {
    if (token.kind !== 'string' || !token.plain) return undefined;
    value += token.value;
  }
  return value;
}

const simpleEscapes: Readonly<Record<string, string>> = {
  '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v',
};

/** Python's escapes in a non-raw string: `\n`, `\x41`, `\u00e9`, `\N{…}` (one character), octal, line continuation. */
function decodeEscapes(body: string): string {
  if (!body.includes('\\')) return body;
  return body.replace(/\\(\r\n|[\n\r]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|[0-7]{1,3}|[\s\S])/g, (escape, code: string) => {
    if (code === '\n' || code === '\r' || code === '\r\n') return '';
    if (code in simpleEscapes) return simpleEscapes[code]!;
    if (/^[xuU]/.test(code)) return String.fromCodePoint(Number.parseInt(code.slice(1), 16) % 0x110000);
    if (code.startsWith('N{')) return '\ufffd'; // a named character: one code point
    if (/^[0-7]/.test(code)) return String.fromCodePoint(Number.parseInt(code, 8));
    return escape; // unknown escapes stay as written
  });
}

/** `inspect.cleandoc`: expand tabs, drop the common indentation of the lines after the first, trim blank lines around. */
function cleanDocstring(docstring: string): string {
  const lines = docstring.replace(/\t/g, '        ').split('\n');
  let margin = Number.POSITIVE_INFINITY;
  for (const line of lines.slice(1)) {
    const content = line.trimStart().length;
    if (content > 0) margin = Math.min(margin, line.length - content);
  }
  const cleaned = [lines[0]!.trimStart(), ...lines.slice(1).map((line) => (Number.isFinite(margin) ? line.slice(margin) : line))];
  while (cleaned.length > 0 && cleaned[0]!.trim() === '') cleaned.shift();
  while (cleaned.length > 0 && cleaned.at(-1)!.trim() === '') cleaned.pop();
  return cleaned.join('\n');
}
