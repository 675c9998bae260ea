import { resolve } from 'node:path';
import type { JsonRecord, JsonValue, ModelSpecV1, PluginV1, RecordMeta, SourceStageV1, StageV1 } from '@synthkit/core';
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
  /** The stages, in order. */
  readonly stages: Stages;
  /** Where source paths are relative to. Default: the current folder. */
  readonly directory?: string;
  /** More plugins, e.g. for formatters a model setting names. Default: none. */
  readonly plugins?: ReadonlyArray<PluginV1>;
}

/** The records of a stage list: every field the stages add, with `_id` and `_meta`. */
export type PipelineRecordOf<Stages extends ReadonlyArray<StageV1>> = Simplify<
  UnionToIntersection<OutputOf<Stages[number]>> & { readonly _id: string; readonly _meta: RecordMeta }
>;

/** A stage that reads a JSONL file of seed records, relative to the pipeline's `directory`. */
export function source<Output extends JsonRecord = JsonRecord>(path: string, settings: { readonly name?: string } = {}): SourceStageV1<Output> {
  return { kind: 'source', path, ...settings };
}

/**
 * Turns a pipeline written in code into the recipe document it stands for and compiles it against
 * the plugins its models and stages bring, exactly as a recipe file is compiled: the same checks,
 * the same plan, the same configuration hash for the same content.
 *
 * @throws InvalidRecipeError with every problem found, each with the path of the bad field.
 */
export async function compilePipeline(definition: PipelineDefinition): Promise<{ plan: RecipePlan; document: RecipeDocument }> {
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
    use(stage.plugin);
    const { kind, reference, plugin: _plugin, ...rest } = stage;
    if (kind === 'task') return definedOnly({ task: reference, ...rest, models: models(stage.models) });
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

/** The fields a stage adds: a task's or a source's output; nothing for filters and modifiers. */
type OutputOf<Stage> = Stage extends { readonly kind: 'task' | 'source'; readonly '~records'?: { readonly output: infer Output } } ? Output : {};

type UnionToIntersection<Union> = (Union extends unknown ? (value: Union) => void : never) extends (value: infer Intersection) => void
  ? Intersection
  : never;

type Simplify<Value> = { [Key in keyof Value]: Value[Key] } & {};

function definedOnly<Value extends Record<string, unknown>>(value: Value): Value {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Value;
}
