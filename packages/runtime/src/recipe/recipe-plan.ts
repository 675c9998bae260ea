import type {
  AggregateFilterV1,
  EmbeddingModelV1,
  FilterModelRolesV1,
  FilterV1,
  GenerationParams,
  JsonValue,
  LanguageModelV1,
  ModifierV1,
  PromptTemplateV1,
  ProviderV1,
  RewardModelV1,
  TaskV1,
  ValidationIssue,
} from '@synthkit/core';
import type { EndpointSettings } from '../gateway/endpoint-settings';
import type { RecipeDocument, RecordCondition } from './recipe-schema';

/** A model bound to a task role, with the parameters the recipe sets for it. */
export interface PlannedModel {
  /** `provider:modelId` as written (or as overridden with `--model`). */
  readonly reference: string;
  readonly model: LanguageModelV1;
  /** The recipe's `default` parameters (recipe level, then stage level): the lowest layer. */
  readonly defaultParams: GenerationParams;
  /** The recipe's parameters for this role (recipe level, then stage level): over a task's own defaults. */
  readonly roleParams: GenerationParams;
  /** How the engine treats the model's endpoint (window, budgets, timeout, retries), from `endpoints:`. */
  readonly endpoint: EndpointSettings;
}

/** A reward or embedding model bound to a task role (they take no generation parameters). */
export interface PlannedScoringModel<Model> {
  /** `provider:modelId` as written (or as replaced by `--mock`). */
  readonly reference: string;
  readonly model: Model;
  /** How the engine treats the model's endpoint, from `endpoints:`, as for a language model. */
  readonly endpoint: EndpointSettings;
}

interface PlannedStageBase {
  /** Unique stage name, used in `_meta`, rejects and `run.json`. */
  readonly name: string;
  /** Index in the recipe's `stages`. */
  readonly index: number;
  /** The stage's `when:`: records that fail it go on to the next stage untouched. Absent: every record. */
  readonly when?: RecordCondition;
}

/** Reads seed records from a JSONL file, or one `{ text, path }` record per document file. */
export interface PlannedSourceStage extends PlannedStageBase {
  readonly kind: 'source';
  /** Absolute path of the seed file; for documents, the glob resolved from the recipe's folder (shown in reports). */
  readonly path: string;
  /** Present when the source is a folder or glob of documents rather than a JSONL file. */
  readonly documents?: PlannedDocumentSource;
}

/** A source of documents: which files, from where (see `source:` in the recipe reference). */
export interface PlannedDocumentSource {
  /** The `source:` value as written, for messages. */
  readonly source: string;
  /** The glob, relative to `directory` (`docs/**\/*` for `docs/`). */
  readonly pattern: string;
  /** The recipe's folder: the pattern, and each record's `path`, are relative to it. */
  readonly directory: string;
}

/** The models, templates and variables of a stage whose item calls models: a task, or a filter. */
export interface PlannedModelBindings {
  /** The roles and templates the item declares (the task itself, or the filter's definition). */
  readonly declared: FilterModelRolesV1;
  /** Model per language-model role the item declares. */
  readonly models: Readonly<Record<string, PlannedModel>>;
  /** Reward model per `rewardModels` role the stage calls. Default: none. */
  readonly rewardModels?: Readonly<Record<string, PlannedScoringModel<RewardModelV1>>>;
  /** Embedding model per `embeddingModels` role the stage calls. Default: none. */
  readonly embeddingModels?: Readonly<Record<string, PlannedScoringModel<EmbeddingModelV1>>>;
  /** The item's templates with the recipe's overrides applied. */
  readonly templates: Readonly<Record<string, PromptTemplateV1>>;
  /** Recipe and stage variables, merged under what the item supplies. */
  readonly variables: Readonly<Record<string, JsonValue>>;
}

export interface PlannedTaskStage extends PlannedStageBase, PlannedModelBindings {
  readonly kind: 'task';
  /** `namespace:name` of the task. */
  readonly reference: string;
  readonly task: TaskV1;
  /** Options parsed by the task's schema (defaults applied). */
  readonly options: unknown;
  /** Records in flight at once in this stage (bounds memory; requests are bounded per endpoint). */
  readonly concurrency: number;
}

/**
 * `- filter: namespace:item`. A filter that declares model roles has them bound like a task's;
 * one that declares none has empty bindings. An aggregate filter (dedup, statistics) makes the
 * stage hold records until its input ends.
 */
export interface PlannedFilterStage extends PlannedStageBase, PlannedModelBindings {
  readonly kind: 'filter';
  readonly reference: string;
  readonly filter: FilterV1 | AggregateFilterV1;
  /** Options parsed by the filter's schema (defaults applied). */
  readonly options: unknown;
  readonly field: string;
  readonly invert: boolean;
  /** Records in flight in the stage; for an aggregate filter, records observed per batch at most. */
  readonly concurrency: number;
}

export interface PlannedModifierStage extends PlannedStageBase {
  readonly kind: 'modifier';
  readonly reference: string;
  readonly modifier: ModifierV1;
  readonly field: string;
  readonly concurrency: number;
}

/** `- fields:`: selects, drops, renames and sets fields, in that order. */
export interface PlannedFieldsStage extends PlannedStageBase {
  readonly kind: 'fields';
  /** Shown in reports: `fields`. */
  readonly reference: string;
  readonly select?: ReadonlyArray<string>;
  readonly drop?: ReadonlyArray<string>;
  readonly rename?: Readonly<Record<string, string>>;
  readonly set?: Readonly<Record<string, JsonValue>>;
  readonly concurrency: number;
}

export type PlannedStage = PlannedSourceStage | PlannedTaskStage | PlannedFilterStage | PlannedModifierStage | PlannedFieldsStage;

/** A validated recipe, ready to run: every item resolved, every option parsed, every model created. */
export interface RecipePlan {
  /** The recipe file, when it came from one. */
  readonly source: string | undefined;
  readonly name: string;
  readonly document: RecipeDocument;
  readonly seed: number;
  /** sha256 (hex) of the recipe and the command-line overrides: equal hashes mean equal configurations. */
  readonly configHash: string;
  readonly stages: ReadonlyArray<PlannedStage>;
  /**
   * The model given to the roles the recipe names no model for, and why it was available
   * (`OPENAI_API_KEY is set`); absent when every role has one.
   */
  readonly automaticModel?: { readonly reference: string; readonly reason: string };
  /**
   * Credentials a run would need and this machine lacks (an unset `OPENAI_API_KEY`), when the plan
   * was compiled with `credentials: 'deferred'`: the providers' models fail when called. Absent otherwise.
   */
  readonly missingCredentials?: ReadonlyArray<ValidationIssue>;
  /**
   * The providers created for the plan's models. `runRecipe` calls their `dispose()` when the run
   * ends (an in-process model frees its memory). Default: none.
   */
  readonly providers?: ReadonlyArray<PlannedProvider>;
}

/** A provider the plan created, with its name (`providers.<name>` in the recipe). */
export interface PlannedProvider {
  readonly name: string;
  readonly provider: ProviderV1;
}
