import { defineAggregateFilter, type AggregateFilterV1, type DefinedAggregateFilter } from '@synthkit/core';
import type { z } from 'zod';
import { parseOptions } from './parse-options';

/**
 * What the `create…DedupFilter` factories share: parses the caller's options with the filter's
 * schema (defaults applied, an `InvalidArgumentError` for a mistake) and makes the filter object
 * marked as `defineAggregateFilter` marks it, with storage settings a recipe cannot give.
 */
export function createDedupFilter<Options, Filter extends DefinedAggregateFilter>(
  definition: { readonly description: string; readonly options: z.ZodType<Options> },
  options: unknown,
  filterName: string,
  make: (options: Options) => Filter,
): AggregateFilterV1 & Filter {
  const parsed = parseOptions(definition.options, options, filterName);
  return defineAggregateFilter({ description: definition.description, options: definition.options, create: make }).create(parsed);
}
