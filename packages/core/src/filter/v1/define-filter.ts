import type { z } from 'zod';
import type { JsonRecord } from '../../record/json-record';
import { withSpecificationVersion } from '../../plugin/v1/with-specification-version';
import { templatesByKey, type TemplateDefinition } from '../../prompt-template/v1/templates-by-key';
import type { FilterContextV1, FilterDefinitionV1, FilterItemV1, FilterScore, FilterScoreDetailsV1, FilterV1 } from './filter-v1';

/**
 * A filter as {@link defineFilter}'s `create` returns it: a {@link FilterV1} whose score has one
 * type (`number` or `boolean`), so `keep` and `describe` take it without casts, and with no
 * `specificationVersion` to write.
 */
export interface DefinedFilter<Score extends FilterScore | FilterScoreDetailsV1> {
  /**
   * Scores one record: `text` is the stage's `field` (`text` by default), `record` the whole
   * record, `context` the engine's (models through the run's gateway; absent outside the engine).
   */
  score(text: string, record: JsonRecord, context?: FilterContextV1): Score | PromiseLike<Score>;
  /**
   * Scores a batch of records at once (one embedding request for many records); the engine then
   * calls it instead of `score`. See {@link FilterV1.scoreBatch}.
   */
  scoreBatch?(items: ReadonlyArray<FilterItemV1>, context: FilterContextV1): PromiseLike<ReadonlyArray<Score>>;
  /** Largest batch `scoreBatch` takes, in records. Default 64. */
  readonly batchSize?: number;
  /** True to keep a record with this score. */
  keep(score: Score): boolean;
  /** Explains a drop for `rejects.jsonl`, e.g. `12 words, fewer than min_words 50`. */
  describe?(score: Score): string;
}

/** What {@link defineFilter} takes. */
export interface FilterDefinition<OptionsSchema extends z.ZodType, Score extends FilterScore | FilterScoreDetailsV1, Filter extends object = DefinedFilter<Score>> {
  /** One sentence on what the filter keeps, shown by `synthkit filters list`. */
  readonly description: string;
  /** Schema of the stage's `options`; `create` receives what it parses to (defaults applied). */
  readonly options: OptionsSchema;
  /**
   * Makes the filter of one stage from its parsed options, as a plain object. It may carry more
   * than a {@link DefinedFilter} (the options in use, say); the created filter keeps those members
   * and their types, e.g. a `score(text)` that is synchronous.
   *
   * Write `score` as an arrow function whose parameters have no type annotation,
   * `score: (text) => count(text)` rather than `score: count`: TypeScript reads the score's type
   * for `keep` and `describe` only from such a function. Otherwise they get `number | boolean`.
   */
  create(options: z.output<OptionsSchema>): Filter & DefinedFilter<Score>;
  /** Language-model roles the filter calls through `context.generate` / `context.model`, with what each is for. */
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
 * What {@link defineFilter} returns: a {@link FilterDefinitionV1} whose `create` gives the filter
 * with the types its definition wrote (its score type, its extra members), as a {@link FilterV1}.
 */
export interface TypedFilterDefinitionV1<Options, Score extends FilterScore | FilterScoreDetailsV1, Filter extends object> extends FilterDefinitionV1<Options> {
  create(options: Options): Filter & DefinedFilter<Score> & { readonly specificationVersion: 'v1' };
}

/**
 * Defines a filter, with its options typed from their schema and its score typed once:
 *
 * ```ts
 * export const minWords = defineFilter({
 *   description: 'Keeps texts with at least min_words words.',
 *   options: z.object({ min_words: z.number().int().min(0).default(50) }),
 *   create: ({ min_words }) => ({
 *     score: (text) => text.split(/\s+/).filter(Boolean).length,
 *     keep: (words) => words >= min_words,
 *     describe: (words) => `${words} words, fewer than min_words ${min_words}`,
 *   }),
 * });
 * ```
 *
 * To offer the filter without the runtime too, export a factory that calls `createFilter`
 * with options as a caller writes them.
 */
export function defineFilter<OptionsSchema extends z.ZodType, Score extends FilterScore | FilterScoreDetailsV1, Filter extends object>(
  definition: FilterDefinition<OptionsSchema, Score, Filter>,
  // NoInfer: a call's expected type (a `FilterDefinitionV1` argument) must not decide the score type.
): TypedFilterDefinitionV1<z.output<OptionsSchema>, NoInfer<Score>, NoInfer<Filter>> {
  return {
    specificationVersion: 'v1',
    description: definition.description,
    options: definition.options as z.ZodType<z.output<OptionsSchema>>,
    create: (options) => withSpecificationVersion(definition.create(options)),
    ...modelRolesOf(definition, 'defineFilter'),
  };
}

/**
 * The model roles and templates of a filter definition, as {@link FilterDefinitionV1} carries them:
 * only those the definition has, templates named by their keys.
 */
export function modelRolesOf<Options>(
  definition: {
    readonly models?: Readonly<Record<string, string>>;
    readonly rewardModels?: Readonly<Record<string, string>>;
    readonly embeddingModels?: Readonly<Record<string, string>>;
    readonly templates?: Readonly<Record<string, TemplateDefinition>>;
    scoringRoles?(options: Options): ReadonlyArray<string>;
    languageRoles?(options: Options): ReadonlyArray<string>;
  },
  helper: string,
): Omit<FilterDefinitionV1<Options>, 'specificationVersion' | 'description' | 'options' | 'create'> {
  return {
    ...(definition.models == null ? {} : { models: definition.models }),
    ...(definition.rewardModels == null ? {} : { rewardModels: definition.rewardModels }),
    ...(definition.embeddingModels == null ? {} : { embeddingModels: definition.embeddingModels }),
    ...(definition.templates == null ? {} : { templates: templatesByKey(definition.templates, helper) }),
    ...(definition.scoringRoles == null ? {} : { scoringRoles: definition.scoringRoles.bind(definition) }),
    ...(definition.languageRoles == null ? {} : { languageRoles: definition.languageRoles.bind(definition) }),
  };
}
