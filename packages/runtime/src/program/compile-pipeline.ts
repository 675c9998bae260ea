import { resolve } from 'node:path';
import type { FieldsStageV1, JsonRecord, JsonValue, ModelSpecV1, PluginV1, RecordMeta, SourceStageV1, StageV1 } from '@synthkit/core';
import { compileRecipe } from '../recipe/compile-recipe';
import type { RecipePlan } from '../recipe/recipe-plan';
import type { RecipeDocument } from '../recipe/recipe-schema';
import { createRegistry } from '../registry/create-registry';

/**
 * A pipeline written in code: what a recipe file says, with models and stages made by the plugin
 * packages' factories (`openai('gpt-4o-mini')`, `subtopics({ n_subtopics: 5 })`), which bring
 * their plugins along, so nothing is discovered or listed.
 */
export interface PipelineDefinition<Stages extends ReadonlyArray<StageV1> = ReadonlyArray<StageV1>> {
  /** Shown in reports. Default: `pipeline`. */
  readonly name?: string;
  /** The seed of every random choice. Default: 0. */
  readonly seed?: number;
  /** The model of each role, `default` for every role not named. */
  readonly models?: Readonly<Record<string, ModelSpecV1>>;
  /** Provider settings by provider name, as a recipe's `providers:` (`{ openai: { baseURL } }`). */
  readonly providers?: RecipeDocument['providers'];
  /** Generation parameters per role, as a recipe's `params:` (`{ default: { temperature: 0.7 } }`). */
  readonly params?: RecipeDocument['params'];
  /** Template variables for every stage. */
  readonly variables?: Readonly<Record<string, JsonValue>>;
  /** How each endpoint is treated, as a recipe's `endpoints:`. */
  readonly endpoints?: RecipeDocument['endpoints'];
  /** Prices, as a recipe's `prices:`. */
  readonly prices?: RecipeDocument['prices'];
  /** Records in flight per stage, unless a stage sets its own. */
  readonly concurrency?: number;
  /**
   * The stages, in order. Written in place (or `as const`), the list is checked by the compiler as
   * a recipe is by `validate`: a task that reads a field no earlier stage adds, or a filter or
   * modifier whose `field` no earlier stage adds, does not compile.
   */
  readonly stages: Stages & CheckedStages<Stages>;
  /** Where source paths are relative to. Default: the current folder. */
  readonly directory?: string;
  /** More plugins, e.g. for formatters a model setting names. Default: none. */
  readonly plugins?: ReadonlyArray<PluginV1>;
}

/** The records of a stage list: every field the stages add, with `_id` and `_meta`. */
export type PipelineRecordOf<Stages extends ReadonlyArray<StageV1>> = Simplify<
  UnionToIntersection<OutputOf<Stages[number]>> & { readonly _id: string; readonly _meta: RecordMeta }
>;

/**
 * `Stages` when each stage reads only fields that earlier stages add; otherwise the stage that does
 * not is replaced by a type that requires a `~pipeline error` property whose text says which field
 * is missing, which is what the compiler's message shows. A list that is not a tuple (an array
 * built at run time) is not checked here, only by the compiled recipe.
 */
export type CheckedStages<Stages extends ReadonlyArray<StageV1>, Available = {}> = Stages extends readonly [
  infer First extends StageV1,
  ...infer Rest extends ReadonlyArray<StageV1>,
]
  ? readonly [CheckedStage<First, Available>, ...CheckedStages<Rest, Available & OutputOf<First>>]
  : Stages;

/** A stage of a pipeline that the compiler refuses, with why (see {@link CheckedStages}). */
export interface PipelineStageError<Message extends string> {
  readonly '~pipeline error': Message;
}

/**
 * A stage that reads seed records, relative to the pipeline's `directory`: a JSONL file
 * (`source('seeds.jsonl')`), or text documents, one `{ text, path }` record per file, sorted by
 * path: a folder with a trailing slash (`source('docs/')`) or a glob (`source('docs/**\/*.md')`).
 * Written in place, a folder or glob types its records as `{ text: string; path: string }`; give
 * `Output` to type a JSONL file's records.
 */
export function source<Output extends JsonRecord = never, const Path extends string = string>(
  path: Path,
  settings: { readonly name?: string } = {},
): SourceStageV1<[Output] extends [never] ? SourceRecordsOf<Path> : Output> {
  return { kind: 'source', path, ...settings };
}

/** The records a source path gives: `{ text, path }` for a folder (`docs/`) or a glob, any record for a JSONL file. */
export type SourceRecordsOf<Path extends string> = string extends Path
  ? JsonRecord
  : Path extends `${string}/` | `${string}*${string}` | `${string}?${string}` | `${string}[${string}` | `${string}{${string}`
    ? { text: string; path: string }
    : JsonRecord;

/**
 * A stage that selects, drops, renames and sets fields (a recipe's `- fields:`), in that order:
 * `fields({ rename: { text: 'document' }, drop: ['url'] })`. The records after it are typed loosely
 * (any field may be there), and later stages' reads are checked when the pipeline is compiled.
 */
export function fields(changes: FieldsStageV1['fields'], settings: Omit<FieldsStageV1, 'kind' | 'fields'> = {}): FieldsStageV1 {
  return { kind: 'fields', fields: changes, ...settings };
}

/**
 * Turns a pipeline written in code into the recipe document it stands for and compiles it against
 * the plugins its models and stages bring, exactly as a recipe file is compiled: the same checks,
 * the same plan, the same configuration hash for the same content.
 *
 * @throws InvalidRecipeError with every problem found, each with the path of the bad field.
 */
export async function compilePipeline<const Stages extends ReadonlyArray<StageV1>>(definition: PipelineDefinition<Stages>): Promise<{ plan: RecipePlan; document: RecipeDocument }> {
  const plugins = new Map<string, PluginV1>();
  const use = (plugin: PluginV1) => {
    if (!plugins.has(plugin.meta.name)) plugins.set(plugin.meta.name, plugin);
  };
  for (const plugin of definition.plugins ?? []) use(plugin);
  const model = (spec: ModelSpecV1) => {
    use(spec.plugin);
    return spec.settings == null ? spec.reference : { model: spec.reference, ...spec.settings };
  };
  const models = (specs: Readonly<Record<string, ModelSpecV1>> | undefined) =>
    specs == null ? undefined : Object.fromEntries(Object.entries(specs).map(([role, spec]) => [role, model(spec)]));

  // Every other key goes into the recipe stage as it is, so a misspelt setting (`feild`) is reported
  // by the recipe's schema, with the valid keys, instead of being dropped.
  const stages = definition.stages.map((stage): Record<string, unknown> => {
    if (stage.kind === 'source') {
      const { kind: _kind, path, ...rest } = stage;
      return definedOnly({ source: path, ...rest });
    }
    if (stage.kind === 'fields') {
      const { kind: _kind, ...rest } = stage;
      return definedOnly({ ...rest });
    }
    use(stage.plugin);
    const { kind, reference, plugin: _plugin, ...rest } = stage;
    if (kind === 'task') return definedOnly({ task: reference, ...rest, models: models(stage.models) });
    if (kind === 'filter') return definedOnly({ filter: reference, ...rest, models: models(stage.models) });
    return definedOnly({ [kind]: reference, ...rest });
  });
  const document = definedOnly({
    name: definition.name,
    seed: definition.seed,
    providers: definition.providers,
    models: models(definition.models),
    params: definition.params,
    variables: definition.variables,
    endpoints: definition.endpoints,
    prices: definition.prices,
    concurrency: definition.concurrency,
    stages,
  }) as unknown as RecipeDocument;
  const registry = await createRegistry({ plugins: [...plugins.values()], discover: false });
  const plan = compileRecipe({ document, registry, directory: resolve(definition.directory ?? '.') });
  return { plan, document };
}

// --- Internal helpers ---

/** A stage as it is when what it reads reaches it, or with a {@link PipelineStageError} saying what does not. */
type CheckedStage<Stage, Available> = Stage extends { readonly kind: 'task'; readonly '~records'?: { readonly input: infer Input } }
  ? MissingKeys<RequiredKeys<Input>, Available> extends infer Missing extends string
    ? [Missing] extends [never]
      ? Stage
      : Stage & PipelineStageError<`this task reads the field "${Missing}", which no earlier stage adds: add a stage (or a source) that adds it before this one`>
    : Stage
  : Stage extends { readonly kind: 'filter' | 'modifier'; readonly '~field'?: infer Field extends string }
    ? string extends Field
      ? Stage
      : MissingKeys<Field, Available> extends infer Missing extends string
        ? [Missing] extends [never]
          ? Stage
          : Stage & PipelineStageError<`this stage reads the field "${Missing}", which no earlier stage adds: set field: to a field an earlier stage adds`>
        : Stage
    : Stage;

/** The keys of `Keys` that `Available` lacks; none when `Available` has an index signature (any key may be there). */
type MissingKeys<Keys, Available> = string extends keyof Available ? never : Exclude<Keys, keyof Available>;

/** The keys a record type must have (optional keys and index signatures are not required). */
type RequiredKeys<Value> = { [Key in keyof Value]-?: {} extends Pick<Value, Key> ? never : Key }[keyof Value] & string;

/** The fields a stage adds: a task's or a source's output; nothing for filters and modifiers; any after `fields`. */
type OutputOf<Stage> = Stage extends { readonly kind: 'task' | 'source'; readonly '~records'?: { readonly output: infer Output } }
  ? Output
  : Stage extends { readonly kind: 'fields' }
    ? JsonRecord
    : {};

type UnionToIntersection<Union> = (Union extends unknown ? (value: Union) => void : never) extends (value: infer Intersection) => void
  ? Intersection
  : never;

type Simplify<Value> = { [Key in keyof Value]: Value[Key] } & {};

function definedOnly<Value extends Record<string, unknown>>(value: Value): Value {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Value;
}
