import { z } from 'zod';

/**
 * Schema of an `n_*` option: how many items to ask the generator for. Must be a JSON number, a
 * whole number, and at least 1.
 *
 * Strings such as `"5"` are rejected rather than coerced: in NeMo a string count silently broke
 * every length check (`len(items) != "5"` is always true), and a recipe that quotes a number is
 * more likely a mistake worth pointing out.
 *
 * @param optionName The option's key, used in messages (`n_subtopics`).
 */
export function positiveCountSchema(optionName: string) {
  return z
    .number({
      error: (issue) =>
        issue.input === undefined
          ? `${optionName} is required: the number of items to ask for, e.g. ${optionName}: 5.`
          : `${optionName} must be a number such as 5, not ${describeInput(issue.input)}; write it without quotes.`,
    })
    .int({ error: `${optionName} must be a whole number, e.g. 5.` })
    .positive({ error: `${optionName} must be at least 1.` });
}

// --- Internal helpers ---

/** Shows a rejected value the way it appears in a recipe. */
function describeInput(input: unknown): string {
  if (typeof input === 'string') return `the string ${JSON.stringify(input)}`;
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  return typeof input === 'object' ? 'an object' : `the ${typeof input} ${String(input)}`;
}
