import {
  InvalidArgumentError,
  type ChatMessage,
  type GenerationParams,
  type JsonRecord,
  type JsonValue,
  type LanguageModelV1,
  type LanguageModelV1Request,
  type LanguageModelV1Result,
  type ModelCallContextV1,
  type ModelCallMeta,
  type ResponseFormat,
  type TaskContextV1,
  type TaskGenerateRequestV1,
  type TaskGenerateResultV1,
  type TaskResponseFormatV1,
  type TokenUsage,
} from '@synthkit/core';
import { z } from 'zod';
import type { ModelGateway } from '../gateway/model-gateway';
import type { PlannedFilterStage, PlannedModel, PlannedScoringModel, PlannedTaskStage } from '../recipe/recipe-plan';
import { mergeGenerationParams } from '../recipe/to-generation-params';
import { renderPromptTemplate, templateHash } from '../template';
import { stripCodeFence } from '../gateway/strip-code-fence';
import { createSeededRandom } from './seeded-random';

/** A task context plus what the engine reads back after `run`: calls made and records rejected. */
export interface TrackedTaskContext extends TaskContextV1<unknown> {
  readonly calls: ModelCallMeta[];
  readonly rejections: Array<{ reason: string; details?: JsonRecord }>;
}

/** Called with each provider warning (e.g. an unsupported setting); the engine reports each once. */
export type WarningListener = (warning: { model: string; message: string }) => void;

/**
 * Builds the context a task runs with for one input record: templates rendered with the recipe's
 * overrides and variables, model calls made through the run's gateway (scheduled, retried, cached,
 * counted) and traced for `_meta.calls`, a random source seeded by the record id.
 */
export function createTaskContext({
  stage,
  depth = stage.index,
  recordId,
  record = {},
  seed,
  signal,
  gateway,
  onWarning,
}: {
  /** The stage whose item calls: a task's, or a filter's that declares model roles. */
  stage: PlannedTaskStage | PlannedFilterStage;
  /**
   * The input record's fields (without `_id` and `_meta`). They fill the placeholders of a
   * template (a recipe's override, typically) that neither the task nor the recipe's variables
   * fill: `Summarise {text}`. Default: none.
   */
  record?: JsonRecord;
  /** Position of the stage in the pipeline; deeper calls get request slots first. Default: the stage's index. */
  depth?: number;
  recordId: string;
  seed: number;
  signal: AbortSignal;
  gateway: ModelGateway;
  onWarning?: WarningListener;
}): TrackedTaskContext {
  const calls: ModelCallMeta[] = [];
  const rejections: Array<{ reason: string; details?: JsonRecord }> = [];
  let random: (() => number) | undefined;
  let ordinal = 0;
  const Item = stage.kind === 'task' ? 'Task' : 'Filter';

  const plannedModel = (role: string): PlannedModel => {
    const planned = stage.models[role];
    if (planned == null) {
      throw new InvalidArgumentError({
        argument: 'role',
        message:
          role in (stage.declared.models ?? {})
            ? `${Item} ${stage.reference} asked for model role "${role}", which its languageRoles() left out for these options, so the recipe binds no model to it. This is a bug in the ${stage.kind}.`
            : `${Item} ${stage.reference} asked for model role "${role}", which it does not declare (declared: ${Object.keys(stage.declared.models ?? {}).join(', ') || 'none'}). This is a bug in the ${stage.kind}.`,
      });
    }
    return planned;
  };

  const render = (template: string, variables: Readonly<Record<string, JsonValue>>): ChatMessage[] => {
    const found = stage.templates[template];
    if (found == null) {
      throw new InvalidArgumentError({
        argument: 'template',
        message: `${Item} ${stage.reference} asked for template "${template}", which it does not declare (declared: ${Object.keys(stage.templates).join(', ') || 'none'}). This is a bug in the ${stage.kind}.`,
      });
    }
    // Lowest to highest: the record's fields, the recipe's variables, what the task passes.
    return renderPromptTemplate(found, { ...record, ...stage.variables, ...variables });
  };

  const call = async (
    role: string,
    options: LanguageModelV1Request,
    template?: string,
    taskDefaults?: GenerationParams,
  ): Promise<LanguageModelV1Result> => {
    const planned = plannedModel(role);
    // Lowest to highest: the recipe's defaults, the task's recommendation, the recipe's parameters
    // for this role, what the task insists on.
    const params = mergeGenerationParams(planned.defaultParams, taskDefaults, planned.roleParams, options.params);
    const context = callContext(role);
    const startedAt = performance.now();
    const result = await gateway.generate(planned, { ...options, params }, context);
    for (const warning of result.warnings ?? []) onWarning?.({ model: planned.reference, message: warning.message });
    const templateDefinition = template == null ? undefined : stage.templates[template];
    calls.push({
      ...traced(role, planned.reference, context, startedAt, result.usage),
      ...(templateDefinition == null ? {} : { template: templateDefinition.name, templateHash: templateHash(templateDefinition) }),
      // A fresh object per call (mergeGenerationParams), built from recipe values: already JSON.
      params: params as unknown as Record<string, JsonValue>,
      ...(result.response == null ? {} : { response: result.response }),
      ...(context.trace.repairs == null ? {} : { repairs: context.trace.repairs }),
    });
    return result;
  };

  /** What every call's `_meta.calls` entry says, whatever the kind of model. */
  const traced = (role: string, reference: string, context: ModelCallContextV1, startedAt: number, usage: LanguageModelV1Result['usage']) => {
    const { inputTokens, outputTokens, cachedInputTokens } = usage;
    return {
      stage: stage.name,
      role,
      model: reference,
      params: {},
      attempts: context.trace.attempts,
      cached: context.trace.cached,
      latencyMs: Math.round(performance.now() - startedAt),
      usage: {
        ...(inputTokens == null ? {} : { inputTokens }),
        ...(outputTokens == null ? {} : { outputTokens }),
        ...(cachedInputTokens == null ? {} : { cachedInputTokens }),
      } satisfies TokenUsage,
    };
  };

  const callContext = (role: string): ModelCallContextV1 => ({
    stage: stage.name,
    depth,
    role,
    recordId,
    ordinal: ordinal++,
    signal,
    trace: { attempts: 0, cached: false, waitedMs: 0 },
  });

  const scoringModel = <Model>(models: Readonly<Record<string, PlannedScoringModel<Model>>> | undefined, role: string, kind: string): PlannedScoringModel<Model> => {
    const planned = models?.[role];
    if (planned == null) {
      const declared = Object.keys((kind === 'reward' ? stage.declared.rewardModels : stage.declared.embeddingModels) ?? {});
      const why = declared.includes(role)
        ? 'which its scoringRoles() left out for these options, so the recipe binds no model to it'
        : `which it does not declare (declared: ${declared.join(', ') || 'none'})`;
      throw new InvalidArgumentError({ argument: 'role', message: `${Item} ${stage.reference} asked for ${kind}-model role "${role}", ${why}. This is a bug in the ${stage.kind}.` });
    }
    return planned;
  };

  return {
    options: stage.options,
    signal,
    recordId,
    calls,
    rejections,
    // Seeded on first use: hashing the seed costs a sha256 that most tasks never need.
    random: () => (random ??= createSeededRandom(seed, recordId))(),
    render,
    async generate<Output>(request: TaskGenerateRequestV1<Output>): Promise<TaskGenerateResultV1<Output>> {
      const messages = withPriorMessages(render(request.template, request.variables), request.priorMessages, stage.reference);
      const format = request.responseFormat == null ? undefined : wireFormatOf(request.responseFormat);
      const result = await call(
        request.role,
        {
          messages,
          params: request.params ?? {},
          ...(format == null ? {} : { responseFormat: format }),
        },
        request.template,
        request.defaults,
      );
      const texts = result.choices.map((choice) => choice.text);
      const finishReasons = result.choices.map((choice) => choice.finishReason);
      const answered = { texts, text: texts[0] ?? '', finishReasons, finishReason: finishReasons[0] ?? 'other' };
      if (request.responseFormat == null) return answered;
      // The gateway checked every choice against the format; zod parsing adds defaults and transforms.
      const schema = request.responseFormat.schema;
      const objects = texts.map((text) => {
        const value: unknown = JSON.parse(stripCodeFence(text));
        return (schema instanceof z.ZodType ? schema.parse(value) : value) as Output;
      });
      return { ...answered, objects, object: objects[0] as Output };
    },
    model(role): LanguageModelV1 {
      const planned = plannedModel(role);
      return {
        specificationVersion: 'v1',
        provider: planned.model.provider,
        modelId: planned.model.modelId,
        ...(planned.model.endpoint == null ? {} : { endpoint: planned.model.endpoint }),
        // The gateway already splits `n`: callers of this stand-in may ask for any number.
        doGenerate: ({ signal: _signal, onActivity: _onActivity, ...options }) => call(role, options),
      };
    },
    async score({ role, messages }) {
      const planned = scoringModel(stage.rewardModels, role, 'reward');
      const context = callContext(role);
      const startedAt = performance.now();
      const { scores, usage } = await gateway.score(planned, messages, context);
      calls.push({ ...traced(role, planned.reference, context, startedAt, usage), kind: 'reward', scores });
      return { scores };
    },
    async embed({ role, texts }) {
      const planned = scoringModel(stage.embeddingModels, role, 'embedding');
      const context = callContext(role);
      const startedAt = performance.now();
      const { embeddings, usage } = await gateway.embed(planned, texts, context);
      calls.push({ ...traced(role, planned.reference, context, startedAt, usage), kind: 'embedding' });
      return { embeddings };
    },
    reject(reason, details) {
      rejections.push(details == null ? { reason } : { reason, details });
    },
  };
}

// --- Internal helpers ---

/**
 * The rendered template's messages with a conversation's earlier turns inserted after its leading
 * system messages, so the template's user message comes last, as the newest turn.
 *
 * @throws InvalidArgumentError when a prior turn is not a `user` or `assistant` turn with text
 *   content (a bug in the task).
 */
function withPriorMessages(rendered: ChatMessage[], priorMessages: ReadonlyArray<ChatMessage> | undefined, reference: string): ChatMessage[] {
  if (priorMessages == null || priorMessages.length === 0) return rendered;
  priorMessages.forEach((message, index) => {
    if ((message.role !== 'user' && message.role !== 'assistant') || typeof message.content !== 'string') {
      throw new InvalidArgumentError({
        argument: 'priorMessages',
        message: `Task ${reference} sent prior message ${index} with role ${JSON.stringify(message.role)}${typeof message.content === 'string' ? '' : ' and no text content'}; prior messages must be user or assistant turns with text (a system message belongs in the template). This is a bug in the task.`,
      });
    }
  });
  const systemCount = rendered.findIndex((message) => message.role !== 'system');
  const split = systemCount === -1 ? rendered.length : systemCount;
  return [...rendered.slice(0, split), ...priorMessages.map(({ role, content }) => ({ role, content })), ...rendered.slice(split)];
}

const wireFormats = new WeakMap<object, ResponseFormat>();

/**
 * What providers are sent for a task's response format: a zod schema becomes the JSON schema of
 * its output (every field the schema gives, no others: what OpenAI's strict mode wants), made once
 * per schema object. A schema with a transform cannot be written as JSON schema; zod's error says
 * so, and a task can pass a JSON schema instead.
 */
function wireFormatOf(format: TaskResponseFormatV1<unknown>): ResponseFormat {
  const cached = wireFormats.get(format.schema ?? format);
  if (cached != null) return cached;
  let schema: Readonly<Record<string, unknown>> | undefined;
  if (format.schema instanceof z.ZodType) {
    const { $schema: _version, ...rest } = z.toJSONSchema(format.schema, { io: 'output' }) as Record<string, unknown>;
    schema = rest;
  } else {
    schema = format.schema;
  }
  const wire: ResponseFormat = {
    type: 'json',
    ...(schema == null ? {} : { schema }),
    ...(format.name == null ? {} : { name: format.name }),
  };
  wireFormats.set(format.schema ?? format, wire);
  return wire;
}
