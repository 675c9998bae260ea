import { formatIssuePath, type ValidationIssue } from '@synthkit/core';
import type { z } from 'zod';

/** Zod issues as validation issues with full paths (`stages[2].options.n_subtopics`) and plain messages. */
export function zodIssues(error: z.ZodError, prefix: ReadonlyArray<PropertyKey>): ValidationIssue[] {
  return error.issues.map((issue) => {
    const path = formatIssuePath([...prefix, ...issue.path]);
    if (issue.code === 'unrecognized_keys') {
      return { path, message: `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}` };
    }
    return { path, message: issue.message };
  });
}
