import type { z } from 'zod';
import { withSpecificationVersion } from '../../plugin/v1/with-specification-version';
import type { TemplateDefinition } from '../../prompt-template/v1/templates-by-key';
import { modelRolesOf } from './define-filter';
import type { AggregateFilterV1, FilterDefinitionV1 } from './filter-v1';

/** An aggregate filter as {@link defineAggregateFilter}'s `create` returns it: no `specificationVersion` or `kind` to write. */
export type DefinedAggregateFilter = Omit<AggregateFilterV1, 'specificationVersion' | 'kind'>;

/** What {@link defineAggregateFilter} takes. */
export interface AggregateFilterDefinition<OptionsSchema extends z.ZodType, Filter extends DefinedAggregateFilter> {
  /** One sentence on what the filter keeps (or reports), shown by `synthkit filters list`. */
  readonly description: string;
  /** Schema of the stage's `options`; `create` receives what it parses to (defaults applied). */
  readonly options: OptionsSchema;
  /** Makes the filter of one stage, with fresh state: a stage's filter sees one run's records. */
  create(options: z.output<OptionsSchema>): Filter;
  /** Language-model roles the filter calls, with what each is for. */
  readonly models?: Readonly<Record<string, string>>;
  /** Reward-model roles it calls through `context.reward`. */
  readonly rewardModels?: Readonly<Record<string, string>>;
  /** Embedding-model roles it calls through `context.embed`. */
  readonly embeddingModels?: Readonly<Record<string, string>>;
  /** Prompt templates by name, each overridable in a recipe under that name. */
  readonly templates?: Readonly<Record<string, TemplateDefinition>>;
  /** The reward and embedding roles a stage with these options calls. Default: every declared one. */
  scoringRoles?(options: z.output<OptionsSchema>): ReadonlyArray<string>;
  /** The language-model roles a stage with these options calls. Default: every declared one. */
  languageRoles?(options: z.output<OptionsSchema>): ReadonlyArray<string>;
}

/**
 * Defines a filter that sees every record of its stage before it decides (see
 * {@link AggregateFilterV1}): deduplication, statistics. A plugin lists it under `filters` like
 * any filter, and a recipe uses it as one (`- filter: dedup:exact`).
 *
 * ```ts
 * export const exact = defineAggregateFilter({
 *   description: 'Keeps one record of each group with the same text: the one with the smallest _id.',
 *   options: z.object({}),
 *   create: () => {
 *     const smallest = new Map<string, string>(); // text -> smallest _id with it
 *     const observed: Array<{ text: string; id: string }> = [];
 *     return {
 *       observe(items) {
 *         for (const { text, id } of items) {
 *           observed.push({ text, id });
 *           const seen = smallest.get(text);
 *           if (seen == null || id < seen) smallest.set(text, id);
 *         }
 *       },
 *       *verdicts() {
 *         for (const { text, id } of observed) {
 *           const first = smallest.get(text)!;
 *           yield first === id ? { keep: true } : { keep: false, reason: `same text as ${first}`, duplicateOf: first };
 *         }
 *       },
 *     };
 *   },
 * });
 * ```
 *
 * (`@synthkit/dedup` does this in bounded memory, for millions of records.)
 * ```
 */
export function defineAggregateFilter<OptionsSchema extends z.ZodType, Filter extends DefinedAggregateFilter>(
  definition: AggregateFilterDefinition<OptionsSchema, Filter>,
): Omit<FilterDefinitionV1<z.output<OptionsSchema>>, 'create'> & {
  create(options: z.output<OptionsSchema>): AggregateFilterV1 & Filter;
} {
  return {
    specificationVersion: 'v1',
    description: definition.description,
    options: definition.options as z.ZodType<z.output<OptionsSchema>>,
    create: (options) => {
      const filter = withSpecificationVersion(definition.create(options));
      // As withSpecificationVersion does: a class instance keeps its private fields, a frozen object is wrapped.
      if (Object.isExtensible(filter)) Object.defineProperty(filter, 'kind', { value: 'aggregate', enumerable: true, configurable: true });
      else return Object.create(filter, { kind: { value: 'aggregate', enumerable: true } }) as AggregateFilterV1 & Filter;
      return filter as unknown as AggregateFilterV1 & Filter;
    },
    ...modelRolesOf(definition, 'defineAggregateFilter'),
  };
}

/** True when a filter is an {@link AggregateFilterV1} (it sees every record before deciding). */
export function isAggregateFilter(filter: unknown): filter is AggregateFilterV1 {
  return typeof filter === 'object' && filter != null && (filter as { kind?: unknown }).kind === 'aggregate';
}
