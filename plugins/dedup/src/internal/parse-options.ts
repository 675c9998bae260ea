import { formatIssuePath, formatIssues, InvalidArgumentError } from '@synthkit/core';
import type { z } from 'zod';

/**
 * Parses options given to a factory (`createMinhashDedupFilter({...})`) with the filter's schema,
 * defaults applied, as the engine parses a recipe stage's options.
 *
 * @throws InvalidArgumentError (`argument: 'options'`) listing every problem with the path of its option.
 */
export function parseOptions<Options>(schema: z.ZodType<Options>, options: unknown, filterName: string): Options {
  const result = schema.safeParse(options);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
  throw new InvalidArgumentError({ argument: 'options', message: `Invalid options for filter ${filterName}:\n${formatIssues(issues)}` });
}
