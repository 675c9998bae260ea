import type { z } from 'zod';
import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import { formatIssuePath, formatIssues } from '../../errors/validation-issue';
import type { FilterV1 } from './filter-v1';

/**
 * Makes a filter from options as a caller writes them: parses them with the definition's schema
 * (defaults applied), then calls its `create`. This is what the factories a plugin exports beside
 * its definitions do, so a filter can be used without the runtime (which parses a recipe's options
 * itself):
 *
 * ```ts
 * export function createMinWordsFilter(options?: { min_words?: number }) {
 *   return createFilter(minWords, options, 'acme:min-words');
 * }
 * ```
 *
 * @param definition the filter, as `defineFilter` returns it (or any filter definition).
 * @param options what the caller passed. `undefined` goes to the schema as it is, so a schema that
 *   should fill in every default for it needs `.prefault({})`.
 * @param name the filter's full name, e.g. `heuristic:word-count`, for the error message.
 * @returns the filter `definition.create` returns, with its type.
 * @throws InvalidArgumentError (`argument: 'options'`) listing every problem with the path of its option.
 */
export function createFilter<Options, Filter extends FilterV1>(
  definition: { readonly options: z.ZodType<Options>; create(options: Options): Filter },
  options: unknown,
  name: string,
): Filter {
  return definition.create(parseItemOptions(definition.options, options, `filter ${name}`));
}

/**
 * Parses a filter's or modifier's options with its schema, for `createFilter` and `createModifier`.
 *
 * @param item what the options belong to, e.g. `filter heuristic:word-count`, for the error message.
 * @throws InvalidArgumentError (`argument: 'options'`) listing every problem with the path of its option.
 */
export function parseItemOptions<Options>(schema: z.ZodType<Options>, options: unknown, item: string): Options {
  const result = schema.safeParse(options);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
  throw new InvalidArgumentError({ argument: 'options', message: `Invalid options for ${item}:\n${formatIssues(issues)}` });
}
