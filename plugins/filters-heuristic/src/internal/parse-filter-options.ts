import { formatIssuePath, formatIssues, InvalidArgumentError } from '@synthkit/core';
import type { z } from 'zod';

/**
 * Validates a filter's options and fills in the defaults, for the `create…Filter` factories that can
 * be called without the runtime (which validates recipe options itself).
 *
 * @param schema the filter's options schema.
 * @param options what the caller passed; `undefined` means all defaults.
 * @param filterName the filter's full name, e.g. `heuristic:word-count`, for the error message.
 * @throws InvalidArgumentError (`argument: 'options'`) listing every problem with its option name.
 */
export function parseFilterOptions<Schema extends z.ZodType>(
  schema: Schema,
  options: unknown,
  filterName: string,
): z.output<Schema> {
  const result = schema.safeParse(options);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: formatIssuePath(issue.path),
    message: issue.message,
  }));
  throw new InvalidArgumentError({
    argument: 'options',
    message: `Invalid options for filter ${filterName}:\n${formatIssues(issues)}`,
  });
}
