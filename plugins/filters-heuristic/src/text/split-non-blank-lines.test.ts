import { describe, expect, it } from 'vitest';
import { splitNonBlankLines } from './split-non-blank-lines';

describe('splitNonBlankLines', () => {
  it('splits on \\n and drops whitespace-only lines without stripping the others', () => {
    expect(splitNonBlankLines('a\n\n  \n b \n\u3000\nc')).toEqual(['a', ' b ', 'c']);
  });

  it('splits on \\n only: \\r stays in the line, other line separators do not split', () => {
    expect(splitNonBlankLines('a\r\nb\u2028c\rd')).toEqual(['a\r', 'b\u2028c\rd']);
  });

  it('returns no lines for empty or whitespace-only text', () => {
    expect(splitNonBlankLines('')).toEqual([]);
    expect(splitNonBlankLines('\n\n\t\n\u0085')).toEqual([]);
  });

  it('handles a trailing newline', () => {
    expect(splitNonBlankLines('a\nb\n')).toEqual(['a', 'b']);
  });
});
