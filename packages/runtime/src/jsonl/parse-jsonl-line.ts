import type { JsonRecord } from '@synthkit/core';
import { JsonlParseError } from './jsonl-parse-error';

/**
 * One line of a JSONL file as its record.
 *
 * @param lineNumber counted from 1, blank lines included, for the error.
 * @throws JsonlParseError naming the file and line when the line is not JSON, or JSON but not an object.
 */
export function parseJsonlLine(line: string, file: string, lineNumber: number): JsonRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new JsonlParseError({ file, line: lineNumber, message: (error as Error).message, lineText: line, cause: error });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new JsonlParseError({
      file,
      line: lineNumber,
      message: `expected a JSON object on each line, got ${describeJsonValue(value)}`,
      lineText: line,
    });
  }
  return value as JsonRecord;
}

function describeJsonValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
