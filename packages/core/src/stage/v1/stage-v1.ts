import type { z } from 'zod';
import type { FilterDefinitionV1 } from '../../filter/v1/filter-v1';
import type { ModifierDefinitionV1 } from '../../modifier/v1/modifier-v1';
import type { PluginV1 } from '../../plugin/v1/plugin-v1';
import type { JsonRecord, JsonValue } from '../../record/json-record';
import type { TaskV1 } from '../../task/v1/task-v1';

/**
 * A model as a pipeline written in code names it: what a recipe writes as `openai:gpt-4o-mini`,
 * with the plugin that provides it, so the pipeline loads the plugin itself. Made by a provider
 * package's model factory (`openai('gpt-4o-mini')`, see {@link languageModelFactory}).
 */
export interface ModelSpecV1 {
  /** `provider:model-id`, as in a recipe. */
  readonly reference: string;
  /** The plugin that provides the provider. */
  readonly plugin: PluginV1;
  /** The model's own settings, as a recipe writes them next to `model:` (e.g. `api: completions`). */
  readonly settings?: Readonly<Record<string, unknown>>;
}

/**
 * A stage's `when:`: the stage handles the records that pass this test on one field and passes the
 * others on untouched. Several tests must all hold (`{ field: 'score', above: 3, at_most: 8 }`).
 */
export interface StageConditionV1 {
  readonly field: string;
  readonly equals?: JsonValue;
  readonly in?: ReadonlyArray<JsonValue>;
  readonly above?: number;
  readonly at_least?: number;
  readonly below?: number;
  readonly at_most?: number;
  /** true: the record has the field (not null); false: it does not. */
  readonly exists?: boolean;
}

/** What every stage of a pipeline written in code may set, as a recipe stage does. */
interface StageSettingsBase {
  /** Run the stage only on the records that pass this test; pass the others on untouched. Default: every record. */
  readonly when?: StageConditionV1;
  /** The stage's name in reports and `_meta`. Default: the item's name. */
  readonly name?: string;
  /** Records in flight in the stage. Default: the recipe's, or enough to keep its endpoints full. */
  readonly concurrency?: number;
}

/** What a task stage may set besides its options, as a recipe's task stage does. */
export interface TaskStageSettings extends StageSettingsBase {
  /** The model of each role of this stage, over the pipeline's `models`. */
  readonly models?: Readonly<Record<string, ModelSpecV1>>;
  /** Generation parameters per role (`default` for every role), in a recipe's words: `max_tokens`, `temperature`. */
  readonly params?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Replacement texts of the task's templates, by template name: `{ user, system }`. */
  readonly templates?: Readonly<Record<string, { readonly system?: string; readonly user?: string }>>;
  /** Extra template variables for this stage. */
  readonly variables?: Readonly<Record<string, JsonValue>>;
}

/** What a filter stage may set besides its options. */
export interface FilterStageSettings extends StageSettingsBase {
  /** The model of each role of a filter that calls models (a judge, an embedder), over the pipeline's `models`. */
  readonly models?: Readonly<Record<string, ModelSpecV1>>;
  /** Generation parameters per role (`default` for every role), in a recipe's words. */
  readonly params?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Replacement texts of the filter's templates, by template name: `{ user, system }`. */
  readonly templates?: Readonly<Record<string, { readonly system?: string; readonly user?: string }>>;
  /** Extra template variables for this stage. */
  readonly variables?: Readonly<Record<string, JsonValue>>;
  /** The record field whose text is scored. Default: `text`. */
  readonly field?: string;
  /** Keep the records the filter would drop, and drop the others. Default: false. */
  readonly invert?: boolean;
}

/** What a modifier stage may set besides its options. */
export interface ModifierStageSettings extends StageSettingsBase {
  /** The record field whose text is rewritten. Default: `text`. */
  readonly field?: string;
}

/**
 * A task stage of a pipeline written in code: a recipe's `- task: namespace:name` stage, with the
 * types of the records it reads (`Input`) and adds (`Output`).
 */
export interface TaskStageV1<Input extends JsonRecord = JsonRecord, Output extends JsonRecord = JsonRecord> extends TaskStageSettings {
  readonly kind: 'task';
  readonly reference: string;
  readonly plugin: PluginV1;
  /** The options as a recipe writes them (defaults apply when the pipeline is compiled). */
  readonly options?: unknown;
  /** Types only: never set. */
  readonly '~records'?: { readonly input: Input; readonly output: Output };
}

/**
 * A filter stage of a pipeline written in code: a recipe's `- filter: namespace:name` stage, with
 * the name of the field it scores (`Field`), which a pipeline checks against the fields that reach it.
 */
export interface FilterStageV1<Field extends string = string> extends FilterStageSettings {
  readonly kind: 'filter';
  readonly reference: string;
  readonly plugin: PluginV1;
  readonly options?: unknown;
  /** Types only: never set. */
  readonly '~field'?: Field;
}

/** A modifier stage of a pipeline written in code: a recipe's `- modifier: namespace:name` stage (see {@link FilterStageV1}). */
export interface ModifierStageV1<Field extends string = string> extends ModifierStageSettings {
  readonly kind: 'modifier';
  readonly reference: string;
  readonly plugin: PluginV1;
  readonly options?: unknown;
  /** Types only: never set. */
  readonly '~field'?: Field;
}

/** A source stage: a recipe's `- source: seeds.jsonl` (or `docs/`), with the type of its records. */
export interface SourceStageV1<Output extends JsonRecord = JsonRecord> {
  readonly kind: 'source';
  /**
   * Relative to the pipeline's `directory`: a JSONL file (plain or gzip), or text documents, one
   * `{ text, path }` record per file: a folder written with a trailing slash (`docs/`) or a glob
   * (`docs/**\/*.md`, any of `*`, `?`, `[`, `{`).
   */
  readonly path: string;
  readonly name?: string;
  /** Types only: never set. */
  readonly '~records'?: { readonly input: JsonRecord; readonly output: Output };
}

/** A recipe's `- fields:` stage: select, drop, rename and set fields, in that order. */
export interface FieldsStageV1 extends StageSettingsBase {
  readonly kind: 'fields';
  readonly fields: {
    readonly select?: ReadonlyArray<string>;
    readonly drop?: ReadonlyArray<string>;
    readonly rename?: Readonly<Record<string, string>>;
    readonly set?: Readonly<Record<string, JsonValue>>;
  };
}

/** Any stage of a pipeline written in code. */
export type StageV1 = TaskStageV1<any, any> | FilterStageV1<string> | ModifierStageV1<string> | SourceStageV1<any> | FieldsStageV1;

/** The options a stage factory takes: what the item's options schema accepts (its input side). */
type StageOptionsOf<Item> = Item extends { readonly options: infer Schema extends z.ZodType }
  ? unknown extends z.input<Schema>
    ? Item extends TaskV1<infer Options, any, any> | FilterDefinitionV1<infer Options> | ModifierDefinitionV1<infer Options>
      ? Partial<Options>
      : never
    : z.input<Schema>
  : never;

type TasksOf<Plugin extends PluginV1> = NonNullable<Plugin['tasks']>;
type FiltersOf<Plugin extends PluginV1> = NonNullable<Plugin['filters']>;
type ModifiersOf<Plugin extends PluginV1> = NonNullable<Plugin['modifiers']>;

/**
 * A factory of stages of one task of a plugin, for pipelines written in code; plugin packages
 * export one per task:
 *
 * ```ts
 * const plugin = definePlugin({ ..., tasks: { subtopics: subtopicsTask } });
 * export default plugin;
 * export const subtopics = taskStage(plugin, 'subtopics');
 * // in a pipeline: subtopics({ n_subtopics: 5 }, { models: { generator: openai('gpt-4o') } })
 * ```
 *
 * The options are typed from the task's schema, and the stage carries the task's input and output
 * record types, from which a pipeline's record type is inferred.
 */
export function taskStage<const Plugin extends PluginV1, Name extends keyof TasksOf<Plugin> & string>(plugin: Plugin, name: Name) {
  type Task = TasksOf<Plugin>[Name];
  type Input = Task extends TaskV1<any, infer TaskInput, any> ? TaskInput : JsonRecord;
  type Output = Task extends TaskV1<any, any, infer TaskOutput> ? TaskOutput : JsonRecord;
  return (options?: StageOptionsOf<Task>, settings: TaskStageSettings = {}): TaskStageV1<Input, Output> => ({
    ...settings,
    kind: 'task',
    reference: `${plugin.meta.namespace}:${name}`,
    plugin,
    ...(options === undefined ? {} : { options }),
  });
}

/**
 * A factory of stages of one filter of a plugin (see {@link taskStage}): `wordCount({ min_words: 10 }, { field: 'revision' })`.
 * The stage's type keeps the field's name (`text` when none is set), so a pipeline whose earlier
 * stages add no such field does not compile.
 */
export function filterStage<const Plugin extends PluginV1, Name extends keyof FiltersOf<Plugin> & string>(plugin: Plugin, name: Name) {
  return <const Field extends string = 'text'>(
    options?: StageOptionsOf<FiltersOf<Plugin>[Name]>,
    settings: FilterStageSettings & { readonly field?: Field } = {},
  ): FilterStageV1<NoInfer<Field>> => ({
    ...settings,
    kind: 'filter',
    reference: `${plugin.meta.namespace}:${name}`,
    plugin,
    ...(options === undefined ? {} : { options }),
  });
}

/** A factory of stages of one modifier of a plugin (see {@link taskStage} and {@link filterStage}). */
export function modifierStage<const Plugin extends PluginV1, Name extends keyof ModifiersOf<Plugin> & string>(plugin: Plugin, name: Name) {
  return <const Field extends string = 'text'>(
    options?: StageOptionsOf<ModifiersOf<Plugin>[Name]>,
    settings: ModifierStageSettings & { readonly field?: Field } = {},
  ): ModifierStageV1<NoInfer<Field>> => ({
    ...settings,
    kind: 'modifier',
    reference: `${plugin.meta.namespace}:${name}`,
    plugin,
    ...(options === undefined ? {} : { options }),
  });
}

/**
 * A model factory of a provider, for pipelines written in code, as AI SDK providers have:
 * a provider package exports `export const openai = languageModelFactory(plugin, 'openai')`, and a
 * pipeline writes `models: { default: openai('gpt-4o-mini') }`.
 */
export function languageModelFactory<const Plugin extends PluginV1>(plugin: Plugin, provider: keyof NonNullable<Plugin['providers']> & string) {
  return (modelId: string, settings?: Readonly<Record<string, unknown>>): ModelSpecV1 => ({
    reference: `${provider}:${modelId}`,
    plugin,
    ...(settings === undefined ? {} : { settings }),
  });
}
