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
  type PromptTemplateV1,
  type RewardModelV1,
  type TaskGenerateRequestV1,
  type TaskV1,
} from '@synthkit/core';
import {
  createRecordId,
  defaultEndpointSettings,
  type EndpointSettings,
  type PlannedModel,
  type PlannedScoringModel,
  type PlannedTaskStage,
} from '@synthkit/runtime';
import {
  applyTemplateOverride,
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

// --- Internal helpers ---

/** Binds a model to every role the task declares, with the recipe-style parameters of each. */
function plannedModels(
  task: Pick<TaskV1, 'models'>,
  reference: string,
  models: RunTaskOptions['models'],
  params: Readonly<Record<string, GenerationParams>>,
  endpoint: EndpointSettings,
): Record<string, PlannedModel> {
  const roles = Object.keys(task.models);
  const byRole = isLanguageModel(models) ? Object.fromEntries(roles.map((role) => [role, models])) : models;
  const declared = roles.join(', ') || 'none';
  const unknownRoles = Object.keys(byRole).filter((role) => !roles.includes(role));
  if (unknownRoles.length > 0) {
    throw new InvalidArgumentError({
      argument: 'models',
      message: `${reference} has no model role ${unknownRoles.map((role) => `"${role}"`).join(', ')}; its roles are: ${declared}.`,
    });
  }
  const missingRoles = roles.filter((role) => byRole[role] == null);
  if (missingRoles.length > 0) {
    throw new InvalidArgumentError({
      argument: 'models',
      message:
        `No model for the role${missingRoles.length === 1 ? '' : 's'} ${missingRoles.join(', ')} of ${reference}. ` +
        `Pass models: { ${roles.map((role) => `${role}: new MockLanguageModelV1(...)`).join(', ')} }, or one model for every role.`,
    });
  }
  const unknownParams = Object.keys(params).filter((role) => role !== 'default' && !roles.includes(role));
  if (unknownParams.length > 0) {
    throw new InvalidArgumentError({
      argument: 'params',
      message: `${reference} has no model role ${unknownParams.map((role) => `"${role}"`).join(', ')}; set params for one of: default, ${declared}.`,
    });
  }
  return Object.fromEntries(
    roles.map((role): [string, PlannedModel] => {
      const model = byRole[role]!;
      return [
        role,
        {
          reference: `${model.provider}:${model.modelId}`,
          model,
          defaultParams: params['default'] ?? {},
          roleParams: role === 'default' ? {} : (params[role] ?? {}),
          endpoint,
        },
      ];
    }),
  );
}

/** Binds a reward or embedding model to every role of that kind the task declares. */
function plannedScoringModels<Model extends RewardModelV1 | EmbeddingModelV1>(
  kind: 'reward' | 'embedding',
  declared: Readonly<Record<string, string>> | undefined,
  called: ReadonlySet<string> | undefined,
  reference: string,
  given: Readonly<Record<string, Model>>,
  endpoint: EndpointSettings,
): Record<string, PlannedScoringModel<Model>> {
  const roles = Object.keys(declared ?? {});
  const option = `${kind}Models`;
  const unknownRoles = Object.keys(given).filter((role) => !roles.includes(role));
  if (unknownRoles.length > 0) {
    throw new InvalidArgumentError({
      argument: option,
      message: `${reference} has no ${kind}-model role ${unknownRoles.map((role) => `"${role}"`).join(', ')}; its ${kind}-model roles are: ${roles.join(', ') || 'none'}.`,
    });
  }
  const missingRoles = roles.filter((role) => given[role] == null && (called == null || called.has(role)));
  if (missingRoles.length > 0) {
    const mock = kind === 'reward' ? 'MockRewardModelV1' : 'MockEmbeddingModelV1';
    throw new InvalidArgumentError({
      argument: option,
      message: `No ${kind} model for the role${missingRoles.length === 1 ? '' : 's'} ${missingRoles.join(', ')} of ${reference}. Pass ${option}: { ${roles.map((role) => `${role}: new ${mock}(...)`).join(', ')} }.`,
    });
  }
  return Object.fromEntries(
    roles.filter((role) => given[role] != null).map((role) => [role, { reference: `${given[role]!.provider}:${given[role]!.modelId}`, model: given[role]!, endpoint }]),
  );
}

/** The task's templates with the overrides applied, as a recipe stage's `templates` are. */
function overriddenTemplates(
  task: Pick<TaskV1, 'templates'>,
  reference: string,
  overrides: Readonly<Record<string, TemplateOverride>>,
): Record<string, PromptTemplateV1> {
  const templates: Record<string, PromptTemplateV1> = { ...task.templates };
  for (const [name, override] of Object.entries(overrides)) {
    const base = task.templates[name];
    if (base == null) {
      throw new InvalidArgumentError({
        argument: 'templates',
        message: `${reference} has no template "${name}"; its templates are: ${Object.keys(task.templates).join(', ') || 'none'}.`,
      });
    }
    templates[name] = applyTemplateOverride(base, override);
  }
  return templates;
}

/** One model rather than a model per role: a model has a `doGenerate` method. */
function isLanguageModel(value: RunTaskOptions['models']): value is LanguageModelV1 {
  return typeof (value as Partial<LanguageModelV1>).doGenerate === 'function';
}
