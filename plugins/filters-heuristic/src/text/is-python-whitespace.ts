/**
 * True when a UTF-16 code unit is whitespace for Python's `str.split()` and `str.strip()` (no
 * arguments), which NeMo Curator uses to find words and blank lines. Matching Python exactly is what
 * makes synthkit keep and drop the same records as NeMo.
 *
 * The set (29 code points, all in the Basic Multilingual Plane, none a surrogate, so checking code
 * units is exact):
 * - ASCII controls: tab `\t` U+0009, line feed `\n` U+000A, vertical tab `\v` U+000B, form feed `\f`
 *   U+000C, carriage return `\r` U+000D, and the information separators U+001C to U+001F;
 * - space U+0020, next line U+0085, no-break space U+00A0, Ogham space mark U+1680;
 * - the typographic spaces U+2000 to U+200A, line separator U+2028, paragraph separator U+2029,
 *   narrow no-break space U+202F, medium mathematical space U+205F, ideographic space U+3000.
 *
 * It differs from JavaScript's `\s`: Python counts U+001C to U+001F and U+0085 as whitespace, and
 * does not count the byte order mark U+FEFF. Zero-width space U+200B and Mongolian vowel separator
 * U+180E are not whitespace in either.
 *
 * @param codeUnit a UTF-16 code unit, as returned by `String.prototype.charCodeAt`.
 */
export function isPythonWhitespace(codeUnit: number): boolean {
  if (codeUnit <= 0x20) {
    return codeUnit === 0x20 || (codeUnit >= 0x09 && codeUnit <= 0x0d) || codeUnit >= 0x1c;
  }
  if (codeUnit < 0x85) return false;
  if (codeUnit >= 0x2000 && codeUnit <= 0x200a) return true;
  switch (codeUnit) {
    case 0x85:
    case 0xa0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202f:
    case 0x205f:
    case 0x3000:
      return true;
    default:
      return false;
  }
}
