import {
  formatIssuePath,
  formatIssues,
  InvalidArgumentError,
  type GenerationParams,
  type JsonRecord,
  type EmbeddingModelV1,
  type JsonValue,
  type LanguageModelV1,
  type ModelCallMeta,
  type RewardModelV1,
  type TaskGenerateRequestV1,
  type TaskV1,
} from '@synthkit/core';
import {
  createRecordId,
  defaultEndpointSettings,
  type EndpointSettings,
  type PlannedTaskStage,
} from '@synthkit/runtime';
import { overriddenTemplates, plannedModels, plannedScoringModels } from './internal/planned-bindings';
import {
  createModelGateway,
  createTaskContext,
  RunStatistics,
  runTaskOnInput,
  type TemplateOverride,
} from '@synthkit/runtime/internal';

/** Options of {@link runTask}: what a recipe stage would say about the task, and the models to use. */
export interface RunTaskOptions {
  /**
   * The stage's options as a recipe writes them; parsed with the task's `options` schema, so
   * defaults apply and invalid options fail before any call. @default {}
   */
  readonly options?: unknown;
  /**
   * The input record's fields, parsed with the task's `input` schema as the engine parses every
   * record. As in a run, they also fill the template placeholders that neither the task nor
   * `variables` fill (a recipe's `Summarise {text}`). @default {} (what a recipe's first task receives)
   */
  readonly input?: JsonRecord;
  /**
   * The model of each role the task declares (`{ generator, converter }`), or one model for every
   * role. Usually {@link MockLanguageModelV1}s; any `LanguageModelV1` works, e.g. a real provider's
   * model pointed at an `@synthkit/test-server` server.
   */
  readonly models: Readonly<Record<string, LanguageModelV1>> | LanguageModelV1;
  /**
   * The reward model of each `rewardModels` role the task declares (usually
   * {@link MockRewardModelV1}s, or a real provider's reward model pointed at a test server).
   * @default {} (a task that declares reward roles needs one for each)
   */
  readonly rewardModels?: Readonly<Record<string, RewardModelV1>>;
  /** The embedding model of each `embeddingModels` role the task declares. @default {} */
  readonly embeddingModels?: Readonly<Record<string, EmbeddingModelV1>>;
  /** Replacement texts for the task's templates, by template name, as a recipe stage's `templates`. */
  readonly templates?: Readonly<Record<string, TemplateOverride>>;
  /** Template variables of the recipe and stage; the task's own variables win over them. @default {} */
  readonly variables?: Readonly<Record<string, JsonValue>>;
  /**
   * Generation parameters per role, with `default` for every role, as a recipe's `params` (but in
   * the spec's camelCase: `maxTokens`, not `max_tokens`). The engine layers them with what the task
   * asks for: `default` < the task's `defaults` < the role's < the task's `params`. @default {}
   */
  readonly params?: Readonly<Record<string, GenerationParams>>;
  /** The run seed; with the record id it seeds `context.random()`. @default 0 (a recipe's default) */
  readonly seed?: number;
  /**
   * The input record's `_id`. Default: the id the engine gives the empty record a recipe's first
   * task receives, so a source task draws the same random numbers as in a run with the same seed.
   */
  readonly recordId?: string;
  /**
   * `namespace:name` the task is known by, shown in error messages; the part after the colon is
   * the stage name in `calls[].stage`. @default 'test:task'
   */
  readonly reference?: string;
  /**
   * Endpoint settings over the engine's defaults (`defaultEndpointSettings`), e.g.
   * `{ maxAttempts: 1 }` to fail at the first error instead of retrying with backoff, or
   * `{ onLength: 'reject' }`. @default {}
   */
  readonly endpoint?: Partial<EndpointSettings>;
}

/** What {@link runTask} saw the task do with its one input record. */
export interface RunTaskResult<Output extends JsonRecord> {
  /** The records the task returned, each checked (and parsed) with its `output` schema. */
  readonly records: Output[];
  /** Every `context.reject(reason, details)` of the task, in order. */
  readonly rejections: Array<{ reason: string; details?: JsonRecord }>;
  /**
   * Every model call as the engine traced it for `_meta.calls`: role, `provider:modelId`, template
   * and its hash, the parameters sent (every layer merged), attempts and usage.
   */
  readonly calls: ModelCallMeta[];
  /**
   * Every `context.generate` request, as the task made it: role, template, the task's own variables,
   * and the `defaults` and `params` it asked for (before the engine layers the recipe's parameters;
   * `calls[].params` has what was sent).
   */
  readonly requests: TaskGenerateRequestV1[];
}

/**
 * Runs a task on one input record through the engine's own code: options, input and outputs are
 * checked with the task's schemas as in a run, templates are rendered with the overrides and
 * variables given (and the input's fields, under them), and every model call goes through a real model gateway (parameter layering,
 * `n` splitting, finish-reason policies, retries, statistics), with no response cache.
 *
 * ```ts
 * const generator = new MockLanguageModelV1({ doGenerate: ['1. Alpha\n2. Beta'] });
 * const converter = new MockLanguageModelV1({ doGenerate: ['- Alpha\n- Beta'] });
 * const { records, calls } = await runTask(subtopicsTask, {
 *   options: { n_subtopics: 2 },
 *   input: { macro_topic: 'Science' },
 *   models: { generator, converter },
 * });
 * ```
 *
 * @throws InvalidArgumentError when the options do not fit the task's schema, or `models`,
 *   `params` or `templates` name a role or template the task does not declare.
 * @throws Error when the input or a returned record does not fit the task's schemas (as the engine
 *   reports it), and whatever the task throws. A model call that fails arrives as the gateway's
 *   `ModelCallError` (kind `failed` once retries are used up or for an error not worth retrying,
 *   kind `refused` for an answer a finish-reason policy refuses), except 401/403/404 answers, which
 *   arrive as the provider's `APICallError` (in a run they stop the whole run).
 */
export async function runTask<Options, Input extends JsonRecord, Output extends JsonRecord>(
  task: TaskV1<Options, Input, Output>,
  {
    options: rawOptions = {},
    input = {},
    models,
    rewardModels = {},
    embeddingModels = {},
    templates: templateOverrides = {},
    variables = {},
    params = {},
    seed = 0,
    recordId = createRecordId('', '', 0),
    reference = 'test:task',
    endpoint = {},
  }: RunTaskOptions,
): Promise<RunTaskResult<Output>> {
  const options = task.options.safeParse(rawOptions);
  if (!options.success) {
    const issues = options.error.issues.map((issue) => ({ path: formatIssuePath(['options', ...issue.path]), message: issue.message }));
    throw new InvalidArgumentError({ argument: 'options', message: `The options do not fit ${reference}:\n${formatIssues(issues)}` });
  }
  // As in a recipe, only the scoring roles a stage with these options calls need a model.
  const called = task.scoringRoles == null ? undefined : new Set(task.scoringRoles(options.data));
  const stage: PlannedTaskStage = {
    kind: 'task',
    index: 0,
    name: reference.slice(reference.indexOf(':') + 1),
    reference,
    task: task as unknown as TaskV1,
    declared: task as unknown as TaskV1,
    options: options.data,
    concurrency: 1,
    models: plannedModels(task, reference, models, params, { ...defaultEndpointSettings, ...endpoint }),
    rewardModels: plannedScoringModels('reward', task.rewardModels, called, reference, rewardModels, { ...defaultEndpointSettings, ...endpoint }),
    embeddingModels: plannedScoringModels('embedding', task.embeddingModels, called, reference, embeddingModels, { ...defaultEndpointSettings, ...endpoint }),
    templates: overriddenTemplates(task, reference, templateOverrides),
    variables,
  };
  const signal = new AbortController().signal;
  const context = createTaskContext({
    stage,
    recordId,
    record: input,
    seed,
    signal,
    gateway: createModelGateway({ statistics: new RunStatistics(), signal }),
  });
  const requests: TaskGenerateRequestV1[] = [];
  const records = await runTaskOnInput(stage, input, {
    ...context,
    generate: (request) => {
      requests.push(request);
      return context.generate(request);
    },
  });
  return { records: records as Output[], rejections: context.rejections, calls: context.calls, requests };
}
