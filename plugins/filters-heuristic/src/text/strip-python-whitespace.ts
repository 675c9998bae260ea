import { isPythonWhitespace } from './is-python-whitespace';

/** `text.strip()` in Python: the text without the leading and trailing whitespace Python's `str.strip()` removes. */
export function stripPythonWhitespace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isPythonWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isPythonWhitespace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}
