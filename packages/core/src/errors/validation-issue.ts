/** One problem found while validating user input (a recipe, a plugin manifest, task options). */
export interface ValidationIssue {
  /** Where the problem is, as a dotted path with indexes: `stages[2].options.n_subtopics`. Empty for the root. */
  readonly path: string;
  /** What is wrong and, where possible, what was expected. */
  readonly message: string;
}

/**
 * Formats a path of keys and indexes the way users see it in errors: `stages[2].options.n_subtopics`.
 * Keys that are not plain identifiers are quoted: `models["my model"]`. A path that starts with a
 * command-line flag (`--model`) shows the flag as typed.
 */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let result = '';
  for (const key of path) {
    if (typeof key === 'number') result += `[${key}]`;
    else if (typeof key === 'symbol') result += `[${String(key)}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(key)) result += result === '' ? key : `.${key}`;
    // A command-line flag (`--model`) is where the value came from: shown as typed.
    else if (result === '' && /^--[a-z][\w-]*$/.test(key)) result = key;
    else result += `[${JSON.stringify(key)}]`;
  }
  return result;
}

/** Renders issues as an indented list, one per line, for error messages. */
export function formatIssues(issues: ReadonlyArray<ValidationIssue>): string {
  return issues.map((issue) => `  - ${issue.path === '' ? '(root)' : issue.path}: ${issue.message}`).join('\n');
}
