import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  formatIssuePath,
  formatIssues,
  InvalidArgumentError,
  type EmbeddingModelV1,
  type FilterDefinitionV1,
  type GenerationParams,
  type JsonRecord,
  type JsonValue,
  type ModelCallMeta,
  type RecordMeta,
  type RewardModelV1,
} from '@synthkit/core';
import { defaultEndpointSettings, runPipeline, type EndpointSettings, type PlannedFilterStage, type RecipePlan, type RejectEntry } from '@synthkit/runtime';
import { RunStatistics, type TemplateOverride } from '@synthkit/runtime/internal';
import { isLanguageModel, overriddenTemplates, plannedModels, plannedScoringModels, type TestModels } from './internal/planned-bindings';

/** Options of {@link runFilter}: what a recipe's filter stage would say, the records, and the models to use. */
export interface RunFilterOptions {
  /** The records reaching the stage, in the order they arrive. A record's own `_id` is kept (as a seed file's is); others get the engine's content ids. */
  readonly records: ReadonlyArray<JsonRecord>;
  /** The stage's options as a recipe writes them; parsed with the filter's schema. @default {} */
  readonly options?: unknown;
  /** The field scored. @default 'text' */
  readonly field?: string;
  /** Keep what the filter would drop, and drop the rest. @default false */
  readonly invert?: boolean;
  /** The model of each language-model role the filter declares, or one for every role. @default none */
  readonly models?: TestModels;
  /** The reward model of each `rewardModels` role it declares (usually `MockRewardModelV1`s). @default {} */
  readonly rewardModels?: Readonly<Record<string, RewardModelV1>>;
  /** The embedding model of each `embeddingModels` role it declares (usually `MockEmbeddingModelV1`s). @default {} */
  readonly embeddingModels?: Readonly<Record<string, EmbeddingModelV1>>;
  /** Replacement texts for its templates, by name, as a recipe stage's `templates`. @default {} */
  readonly templates?: Readonly<Record<string, TemplateOverride>>;
  /** Template variables of the recipe and stage. @default {} */
  readonly variables?: Readonly<Record<string, JsonValue>>;
  /** Generation parameters per role (`default` for all), in the spec's camelCase. @default {} */
  readonly params?: Readonly<Record<string, GenerationParams>>;
  /** Records in flight in the stage (for `scoreBatch` filters: divided into batches). @default 16 */
  readonly concurrency?: number;
  /** The run seed. @default 0 */
  readonly seed?: number;
  /** `namespace:name` the filter is known by; the part after the colon is the stage name. @default 'test:filter' */
  readonly reference?: string;
  /** Endpoint settings over the engine's defaults, e.g. `{ maxAttempts: 1 }`. @default {} */
  readonly endpoint?: Partial<EndpointSettings>;
}

/** What {@link runFilter} saw the stage do. */
export interface RunFilterResult {
  /** The records the stage passed on, with `_id` and `_meta` (the score in `_meta.scores[<stage>]`), in the order they left. */
  readonly kept: JsonRecord[];
  /** Every record it dropped or failed, as `rejects.jsonl` would have it: stage, kind, reason, details. */
  readonly rejects: RejectEntry[];
  /** Every model call made, as traced in the records' `_meta.calls` (a batch's call once). */
  readonly calls: ModelCallMeta[];
  /** An aggregate filter's `report()`, when it has one. */
  readonly report?: JsonRecord;
  /** An aggregate filter's `summary()`, when it has one. */
  readonly summary?: string;
}

/**
 * Runs a filter stage over records through the engine's own code, as a recipe would run
 * `source: <records>` then `- filter: <it>`: options parsed with the filter's schema, models bound
 * to its roles and called through a real model gateway (retries, statistics, no cache), `scoreBatch`
 * batching, and for an aggregate filter (dedup, statistics) the aggregate stage itself: records
 * observed in batches, kept in a temporary folder, then released with their verdicts.
 *
 * ```ts
 * const { kept, rejects } = await runFilter(exactDedup, { records: [{ text: 'a' }, { text: 'a' }] });
 * ```
 *
 * @throws InvalidArgumentError when the options do not fit the filter, or `models` and the others
 *   name roles it does not declare (or miss one it does).
 * @throws whatever stops the run (a `RunStoppedError` for a rejected key, say).
 */
export async function runFilter(definition: FilterDefinitionV1<any>, options: RunFilterOptions): Promise<RunFilterResult> {
  const {
    records,
    options: rawOptions = {},
    field = 'text',
    invert = false,
    models = {},
    rewardModels = {},
    embeddingModels = {},
    templates = {},
    variables = {},
    params = {},
    concurrency = 16,
    seed = 0,
    reference = 'test:filter',
    endpoint = {},
  } = options;
  const parsed = definition.options.safeParse(rawOptions);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: formatIssuePath(['options', ...issue.path]), message: issue.message }));
    throw new InvalidArgumentError({ argument: 'options', message: `The options do not fit ${reference}:\n${formatIssues(issues)}` });
  }
  const called = definition.scoringRoles == null ? undefined : new Set(definition.scoringRoles(parsed.data));
  const endpointSettings = { ...defaultEndpointSettings, ...endpoint };
  // As in a recipe, only the language roles a stage with these options calls need a model.
  const calledLanguage = definition.languageRoles == null ? undefined : new Set(definition.languageRoles(parsed.data));
  const languageRoles = Object.fromEntries(Object.entries(definition.models ?? {}).filter(([role]) => calledLanguage == null || calledLanguage.has(role)));
  const declared = { models: languageRoles, templates: definition.templates ?? {} };
  // Models given for declared roles these options do not call are left unused, as a recipe's are.
  const givenModels = isLanguageModel(models)
    ? models
    : Object.fromEntries(Object.entries(models).filter(([role]) => role in languageRoles || !(role in (definition.models ?? {}))));
  const stage: PlannedFilterStage = {
    kind: 'filter',
    index: 1,
    name: reference.slice(reference.indexOf(':') + 1),
    reference,
    filter: definition.create(parsed.data),
    options: parsed.data,
    field,
    invert,
    concurrency,
    declared: definition,
    models: plannedModels(declared, reference, givenModels, params, endpointSettings),
    rewardModels: plannedScoringModels('reward', definition.rewardModels, called, reference, rewardModels, endpointSettings),
    embeddingModels: plannedScoringModels('embedding', definition.embeddingModels, called, reference, embeddingModels, endpointSettings),
    templates: overriddenTemplates(declared, reference, templates),
    variables,
  };
  const directory = await mkdtemp(join(tmpdir(), 'synthkit-run-filter-'));
  try {
    const seeds = join(directory, 'records.jsonl');
    await writeFile(seeds, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
    const plan = {
      source: undefined,
      name: 'run-filter',
      document: { stages: [] },
      seed,
      configHash: '',
      stages: [{ kind: 'source', index: 0, name: 'records', path: seeds }, stage],
    } as unknown as RecipePlan;
    const statistics = new RunStatistics();
    const rejects: RejectEntry[] = [];
    const kept: JsonRecord[] = [];
    for await (const record of runPipeline({ plan, statistics, onReject: (entry) => void rejects.push(entry) })) kept.push({ ...record });
    const calls = new Map<string, ModelCallMeta>();
    // Calls of a batch are on every record of it: count each once.
    for (const record of [...kept, ...rejects.map((entry) => entry.record)]) {
      for (const call of ((record['_meta'] as RecordMeta | undefined)?.calls ?? []) as ModelCallMeta[]) calls.set(JSON.stringify(call), call);
    }
    const stageStatistics = statistics.stages.find((entry) => entry.name === stage.name);
    return {
      kept,
      rejects,
      calls: [...calls.values()],
      ...(stageStatistics?.report == null ? {} : { report: stageStatistics.report }),
      ...(stageStatistics?.summary == null ? {} : { summary: stageStatistics.summary }),
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
