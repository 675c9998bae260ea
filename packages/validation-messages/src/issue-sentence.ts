import type { ValidationIssue } from '@synthkit/core';

/**
 * One issue as a sentence that starts with what it is about, for an error thrown in code rather
 * than listed by `synthkit validate`: `maxRetries must be a whole number, got 1.5.`,
 * `retry: unknown key "limt" (did you mean "limit"?). Valid keys: limit.` An issue of the whole
 * value (empty path) is its message alone.
 */
export function issueSentence(issue: ValidationIssue): string {
  const sentence =
    issue.path === '' ? issue.message : issue.message.startsWith('unknown key') ? `${issue.path}: ${issue.message}` : `${issue.path} ${issue.message}`;
  return /[.?!]$/.test(sentence) ? sentence : `${sentence}.`;
}
