import {
  InvalidArgumentError,
  type ChatMessage,
  type GenerationParams,
  type JsonRecord,
  type JsonValue,
  type LanguageModelV1,
  type LanguageModelV1CallOptions,
  type LanguageModelV1Result,
  type ModelCallMeta,
  type TaskContextV1,
} from '@synthkit/core';
import type { PlannedModel, PlannedTaskStage } from '../recipe/recipe-plan';
import { mergeGenerationParams } from '../recipe/to-generation-params';
import { renderPromptTemplate, templateHash } from '../template';
import { CallSignalPool } from './call-signal-pool';
import type { RunStatistics } from './run-statistics';
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
 * overrides and variables, model calls counted in the run statistics and traced for `_meta.calls`,
 * a random source seeded by the record id.
 */
export function createTaskContext({
  stage,
  recordId,
  seed,
  signal,
  statistics,
  onWarning,
  signals = new CallSignalPool(signal),
}: {
  stage: PlannedTaskStage;
  recordId: string;
  seed: number;
  signal: AbortSignal;
  statistics: RunStatistics;
  onWarning?: WarningListener;
  /** Where model calls get their signals; share one per run (see {@link CallSignalPool}). */
  signals?: CallSignalPool;
}): TrackedTaskContext {
  const calls: ModelCallMeta[] = [];
  const rejections: Array<{ reason: string; details?: JsonRecord }> = [];
  let random: (() => number) | undefined;

  const plannedModel = (role: string): PlannedModel => {
    const planned = stage.models[role];
    if (planned == null) {
      throw new InvalidArgumentError({
        argument: 'role',
        message: `Task ${stage.reference} asked for model role "${role}", which it does not declare (declared: ${Object.keys(stage.task.models).join(', ')}). This is a bug in the task.`,
      });
    }
    return planned;
  };

  const render = (template: string, variables: Readonly<Record<string, JsonValue>>): ChatMessage[] => {
    const found = stage.templates[template];
    if (found == null) {
      throw new InvalidArgumentError({
        argument: 'template',
        message: `Task ${stage.reference} asked for template "${template}", which it does not declare (declared: ${Object.keys(stage.templates).join(', ')}). This is a bug in the task.`,
      });
    }
    return renderPromptTemplate(found, { ...stage.variables, ...variables });
  };

  const call = async (
    role: string,
    options: LanguageModelV1CallOptions,
    template?: string,
    taskDefaults?: GenerationParams,
  ): Promise<LanguageModelV1Result> => {
    const planned = plannedModel(role);
    // Lowest to highest: the recipe's defaults, the task's recommendation, the recipe's parameters
    // for this role, what the task insists on.
    const params = mergeGenerationParams(planned.defaultParams, taskDefaults, planned.roleParams, options.params);
    const modelStatistics = statistics.model(planned.reference);
    modelStatistics.requests++;
    modelStatistics.inFlight++;
    const callSignal = signals.acquire();
    let result: LanguageModelV1Result;
    try {
      result = await planned.model.doGenerate({ ...options, params, signal: callSignal.signal });
    } catch (error) {
      // A call cut short by a cancel or a reached limit did not fail.
      if (!signal.aborted) modelStatistics.failedRequests++;
      throw error;
    } finally {
      callSignal.release();
      modelStatistics.inFlight--;
    }
    modelStatistics.inputTokens += result.usage.inputTokens;
    modelStatistics.outputTokens += result.usage.outputTokens;
    for (const warning of result.warnings ?? []) onWarning?.({ model: planned.reference, message: warning.message });
    const templateDefinition = template == null ? undefined : stage.templates[template];
    calls.push({
      stage: stage.name,
      role,
      model: planned.reference,
      ...(templateDefinition == null ? {} : { template: templateDefinition.name, templateHash: templateHash(templateDefinition) }),
      // A fresh object per call (mergeGenerationParams), built from recipe values: already JSON.
      params: params as unknown as Record<string, JsonValue>,
      attempts: 1,
      usage: { inputTokens: result.usage.inputTokens, outputTokens: result.usage.outputTokens },
    });
    return result;
  };

  return {
    options: stage.options,
    signal,
    calls,
    rejections,
    // Seeded on first use: hashing the seed costs a sha256 that most tasks never need.
    random: () => (random ??= createSeededRandom(seed, recordId))(),
    render,
    async generate(request) {
      const messages = render(request.template, request.variables);
      const result = await call(
        request.role,
        {
          messages,
          params: request.params ?? {},
          ...(request.responseFormat == null ? {} : { responseFormat: request.responseFormat }),
        },
        request.template,
        request.defaults,
      );
      const texts = result.choices.map((choice) => choice.text);
      return { texts, text: texts[0] ?? '' };
    },
    model(role): LanguageModelV1 {
      const planned = plannedModel(role);
      return {
        specificationVersion: 'v1',
        provider: planned.model.provider,
        modelId: planned.model.modelId,
        doGenerate: (options) => call(role, options),
      };
    },
    reject(reason, details) {
      rejections.push(details == null ? { reason } : { reason, details });
    },
  };
}

// --- Internal helpers ---

