import type { z } from 'zod';
import type { ChatMessage } from '../../language-model/v1/chat-message';
import type { LanguageModelV1 } from '../../language-model/v1/language-model-v1';
import type { PromptTemplateV1 } from '../../prompt-template/v1/prompt-template-v1';
import type { JsonRecord, JsonValue } from '../../record/json-record';
import type {
  TaskEmbedResultV1,
  TaskGenerateRequestV1,
  TaskGenerateResultV1,
  TaskScoreResultV1,
} from '../../task/v1/task-v1';

/** A filter's verdict material: a number (ratio, count, model score) or a yes/no. */
export type FilterScore = number | boolean;

/**
 * A score with what explains it, for a filter whose decision has parts: a reward model's
 * attributes against per-attribute thresholds, a judge's criteria. `keep` and `describe` receive
 * it whole; the engine records `score` in `_meta.scores[<stage>]`.
 */
export interface FilterScoreDetailsV1<Score extends FilterScore = FilterScore> {
  readonly score: Score;
  /**
   * Sub-scores, kept in the record's `_meta.scores` beside the score as `<stage>.<name>` (e.g.
   * `reward.helpfulness`), kept or dropped, so later stages and readers see every part.
   */
  readonly scores?: Readonly<Record<string, number | boolean>>;
  /** Why the record is dropped, when it is, over `describe(score)`: it can name the part that failed. */
  readonly reason?: string;
}

/**
 * Scores records and decides which to keep, one record at a time (or a batch at a time, with
 * `scoreBatch`). Text filters read `text` (the stage's `field`, `text` by default); record-level
 * filters read `record`. A filter that calls models does so through `context`, so its calls are
 * scheduled on their endpoint, retried, cached, counted and traced in the record's `_meta.calls`.
 */
export interface FilterV1 {
  readonly specificationVersion: 'v1';
  /**
   * Scores one record. The engine always passes `context` (models, the run's signal); it is
   * optional so that filters calling no model can be used without one (in tests, in scripts).
   */
  score(text: string, record: JsonRecord, context?: FilterContextV1): FilterScore | FilterScoreDetailsV1 | PromiseLike<FilterScore | FilterScoreDetailsV1>;
  /**
   * Scores several records at once, returning one score per item, in order: for a filter whose
   * model takes many inputs per request (one embedding request for a batch of records). When a
   * filter has it, the engine calls it instead of `score`, with batches of up to `batchSize`
   * records as they arrive (a partial batch goes after a short wait, so a slow stream is never held
   * up). The calls made through `context` are traced in the `_meta.calls` of every record of the batch.
   */
  scoreBatch?(items: ReadonlyArray<FilterItemV1>, context: FilterContextV1): PromiseLike<ReadonlyArray<FilterScore | FilterScoreDetailsV1>>;
  /** Largest batch `scoreBatch` accepts, in records. Default 64. */
  readonly batchSize?: number;
  /** True to keep a record with this score (what `score` returned, details and all). */
  keep(score: FilterScore | FilterScoreDetailsV1): boolean;
  /**
   * Explains a drop for `rejects.jsonl`, e.g. `12 words, fewer than min_words 50`. A `reason` in
   * the score's details wins over it.
   */
  describe?(score: FilterScore | FilterScoreDetailsV1): string;
}

/** One record given to {@link FilterV1.scoreBatch}. */
export interface FilterItemV1 {
  /** The stage's `field` of the record. */
  readonly text: string;
  /** The whole record, `_id` and `_meta` included. */
  readonly record: JsonRecord;
  /** The record's `_id`. */
  readonly id: string;
}

/**
 * What a filter gets from the engine: the models of the roles its definition declares, called
 * through the run's gateway, its templates with the recipe's overrides, and the run's signal.
 */
export interface FilterContextV1 {
  /** Aborted when the run is cancelled; pass it on to anything slow. */
  readonly signal: AbortSignal;
  /**
   * The scored record's `_id`; in `scoreBatch`, an id of the batch (a hash of its records' ids).
   * Part of the response-cache key of the calls made through this context.
   */
  readonly recordId: string;
  /** A random number in [0, 1), seeded from the run seed and `recordId`. */
  random(): number;
  /** Renders one of the filter's templates (or the recipe's override of it) to chat messages. */
  render(template: string, variables: Readonly<Record<string, JsonValue>>): ChatMessage[];
  /**
   * Renders a template and sends it to the model of a language-model role, as a task's
   * `generate` does (structured output with `responseFormat`, checked and repaired once).
   * `role` may be left out when the filter declares exactly one language-model role.
   */
  generate<Output = unknown>(request: FilterGenerateRequestV1<Output>): Promise<TaskGenerateResultV1<Output>>;
  /** The language model bound to a role, for calls `generate` does not cover; still scheduled and traced. */
  model(role?: string): LanguageModelV1;
  /**
   * Scores a conversation (usually a prompt and the answer to judge) with the reward model of one
   * of the filter's `rewardModels` roles; `role` may be left out when it declares exactly one.
   */
  reward(request: FilterRewardRequestV1): Promise<TaskScoreResultV1>;
  /**
   * Embeds texts with the model of one of the filter's `embeddingModels` roles (split into calls
   * of the model's `maxTextsPerCall`); `role` may be left out when it declares exactly one.
   */
  embed(request: FilterEmbedRequestV1): Promise<TaskEmbedResultV1>;
}

/** What {@link FilterContextV1.generate} takes: a task's generate request whose role may be implied. */
export interface FilterGenerateRequestV1<Output = unknown> extends Omit<TaskGenerateRequestV1<Output>, 'role'> {
  /** A language-model role of the filter. Default: its only one. */
  readonly role?: string;
}

/** What {@link FilterContextV1.reward} takes. */
export interface FilterRewardRequestV1 {
  /** A reward-model role of the filter. Default: its only one. */
  readonly role?: string;
  /** The conversation to score, usually ending with the assistant answer to judge. */
  readonly messages: ReadonlyArray<ChatMessage>;
}

/** What {@link FilterContextV1.embed} takes. */
export interface FilterEmbedRequestV1 {
  /** An embedding-model role of the filter. Default: its only one. */
  readonly role?: string;
  /** The texts to embed; any number. */
  readonly texts: ReadonlyArray<string>;
}

/**
 * The models and templates a filter (or aggregate filter) calls, declared on its definition as a
 * task declares them: a recipe binds each role on the stage (`models: { judge: openai:gpt-4o }`)
 * or at the top, `default` serves language-model roles, and templates can be overridden by name.
 */
export interface FilterModelRolesV1<Options = unknown> {
  /** Language-model roles, with what each is for, e.g. `{ judge: 'Grades the answer.' }`. Default: none. */
  readonly models?: Readonly<Record<string, string>>;
  /** Reward-model roles. Bound by name, never by `default`. Default: none. */
  readonly rewardModels?: Readonly<Record<string, string>>;
  /** Embedding-model roles. Bound by name, never by `default`. Default: none. */
  readonly embeddingModels?: Readonly<Record<string, string>>;
  /** Prompt templates by name (their key); each can be overridden in a recipe. Default: none. */
  readonly templates?: Readonly<Record<string, PromptTemplateV1>>;
  /**
   * The reward and embedding roles a stage with these options calls, when that depends on them
   * (a semantic dedup needs its embedding model, an exact one none). Default: every declared one.
   */
  scoringRoles?(options: Options): ReadonlyArray<string>;
  /**
   * The language-model roles a stage with these options calls, when that depends on them (a
   * judge filter asked for one judge of three): only these are bound, so a recipe need not name a
   * model for a role that is not called. Default: every declared one (`default` serves them).
   */
  languageRoles?(options: Options): ReadonlyArray<string>;
}

/** How a plugin contributes a filter: an options schema and a factory, and the models it calls. */
export interface FilterDefinitionV1<Options = unknown> extends FilterModelRolesV1<Options> {
  readonly specificationVersion: 'v1';
  readonly description: string;
  /** Schema of the stage's options, with NeMo-compatible defaults where they exist. */
  readonly options: z.ZodType<Options>;
  /**
   * Makes the filter of one stage: a {@link FilterV1}, which decides on each record alone, or an
   * {@link AggregateFilterV1}, which sees every record before it decides (dedup, statistics).
   */
  create(options: Options): FilterV1 | AggregateFilterV1;
}

/**
 * A filter whose decisions depend on the whole set of records reaching its stage: deduplication
 * and statistics. The engine gives it every record (in batches, in the order they arrive, which
 * varies from run to run), then asks for one verdict per record once its input has ended. Its
 * verdicts must depend only on the set of records, never on the order they came in: a duplicate
 * group keeps the record with the smallest `_id`, say. The engine keeps the records it has
 * observed in the run's folder, so a resumed run gives it the same set again.
 *
 * A stage of it holds records until its input ends (there is no other way to be order-free),
 * unless `passThrough` says it only watches them.
 */
export interface AggregateFilterV1 {
  readonly specificationVersion: 'v1';
  readonly kind: 'aggregate';
  /**
   * True when the filter keeps every record and only watches them (statistics): records go on as
   * soon as it has observed them, and `verdicts` is not called. Default: false.
   */
  readonly passThrough?: boolean;
  /** Largest batch `observe` receives, in records. Default 256. */
  readonly batchSize?: number;
  /**
   * Takes in a batch of records. Item indexes run from 0 upwards without gaps across calls, in
   * the order of observation; calls do not overlap. Model calls go through `context`.
   */
  observe(items: ReadonlyArray<AggregateItemV1>, context: AggregateContextV1): void | PromiseLike<void>;
  /**
   * Called once, after the last `observe`: one verdict per observed record, in index order.
   * Required unless `passThrough`.
   */
  verdicts?(context: AggregateContextV1): Iterable<AggregateVerdictV1> | AsyncIterable<AggregateVerdictV1>;
  /**
   * What the stage found, as JSON (duplicate groups, statistics), once the verdicts are given (or,
   * for a pass-through filter, the input has ended): written under the stage in `run.json`.
   */
  report?(): JsonRecord;
  /** A few lines for the terminal summing `report()` up, e.g. `412 of 5,000 records were near duplicates`. */
  summary?(): string;
}

/** One record given to {@link AggregateFilterV1.observe}. */
export interface AggregateItemV1 {
  /** Position in the order of observation, from 0, without gaps: verdicts come back in this order. */
  readonly index: number;
  /** The record's `_id`: stable across runs and sessions, the basis of order-free rules. */
  readonly id: string;
  /** The stage's `field` of the record. */
  readonly text: string;
  /** The record's fields, without `_id` and `_meta`. */
  readonly record: JsonRecord;
}

/** An aggregate filter's decision on one record. */
export type AggregateVerdictV1 =
  | { readonly keep: true; readonly score?: FilterScore }
  | {
      readonly keep: false;
      /** Why, for `rejects.jsonl`: `near duplicate of 3f2a… (Jaccard 0.91, at least 0.8)`. */
      readonly reason: string;
      /** The `_id` of the record this one duplicates, written in the reject's `details.duplicate_of`. */
      readonly duplicateOf?: string;
      readonly score?: FilterScore;
    };

/** What an aggregate filter gets from the engine: a filter's context, and a folder of its own. */
export interface AggregateContextV1 extends FilterContextV1 {
  /**
   * An empty folder for the filter's working files (sorted runs, indexes) for this session; the
   * engine removes it when the stage is done. Keep memory bounded by spilling here.
   */
  readonly directory: string;
  /** The run's seed, for seeded hashing (MinHash permutations) and sampling. */
  readonly seed: number;
}
