import { z } from 'zod';

/**
 * Wraps a task's option shape in a strict object schema, so a misspelt option (`n_subtopic`) is an
 * error naming the valid options instead of being silently ignored.
 */
export function strictOptionsSchema<Shape extends z.ZodRawShape>(shape: Shape) {
  const validOptions = Object.keys(shape).join(', ');
  return z
    .object(shape, {
      error: (issue) => {
        if (issue.code === 'unrecognized_keys') {
          const keys = issue.keys.map((key) => JSON.stringify(key)).join(', ');
          return `unknown option${issue.keys.length === 1 ? '' : 's'} ${keys}; valid options are: ${validOptions}.`;
        }
        if (issue.code === 'invalid_type') return `options must be a map of option names to values (valid options: ${validOptions}).`;
        return undefined;
      },
    })
    .strict();
}
