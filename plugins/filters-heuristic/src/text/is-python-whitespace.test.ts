import { describe, expect, it } from 'vitest';
import { isPythonWhitespace } from './is-python-whitespace';

// Printed by CPython 3.11: [hex(c) for c in range(0x110000) if chr(c).isspace()]
const pythonWhitespace = [
  0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003,
  0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
];

describe('isPythonWhitespace', () => {
  it("matches Python's whitespace set on every UTF-16 code unit", () => {
    const expected = new Set(pythonWhitespace);
    const mismatches: string[] = [];
    for (let codeUnit = 0; codeUnit <= 0xffff; codeUnit++) {
      if (isPythonWhitespace(codeUnit) !== expected.has(codeUnit)) mismatches.push(codeUnit.toString(16));
    }
    expect(mismatches).toEqual([]);
  });

  it('differs from JavaScript \\s where Python does', () => {
    expect(isPythonWhitespace(0x1c)).toBe(true); // file separator: not \s
    expect(isPythonWhitespace(0x85)).toBe(true); // next line: not \s
    expect(isPythonWhitespace(0xfeff)).toBe(false); // byte order mark: \s
    expect(isPythonWhitespace(0x200b)).toBe(false); // zero-width space: neither
    expect(isPythonWhitespace(0x180e)).toBe(false); // Mongolian vowel separator: neither
  });
});
