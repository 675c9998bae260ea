import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAggregateFilter, type ChatMessage, type EmbeddingModelV1, type JsonRecord, type LanguageModelV1, type RewardModelV1 } from '@synthkit/core';
import { createFilterContext } from '../engine/create-filter-context';
import { createTaskContext } from '../engine/create-task-context';
import { readSourceRecords } from '../engine/read-source-records';
import { toAsyncIterable } from '../engine/to-async-iterable';
import { RunStatistics } from '../engine/run-statistics';
import { createModelGateway } from '../gateway/model-gateway';
import { optionsJsonSchema } from '../recipe/options-json-schema';
import type { PlannedFilterStage, PlannedTaskStage, RecipePlan } from '../recipe/recipe-plan';

/** One prompt a dry run rendered. */
export interface DryRunPrompt {
  readonly role: string;
  /** `provider:modelId` the prompt would go to. */
  readonly model: string;
  readonly messages: ReadonlyArray<ChatMessage>;
}

/** What a dry run shows for one stage. */
export interface DryRunStage {
  readonly name: string;
  readonly kind: string;
  readonly reference: string;
  /** The sample input the stage was run on (fields only). */
  readonly input?: JsonRecord;
  /** The prompts the stage sent for that input, in order. Empty for modifiers and filters that call no model. */
  readonly prompts: ReadonlyArray<DryRunPrompt>;
}

/** Calls per stage a dry run follows before it stops the task. */
const maximumPromptsPerStage = 4;

/**
 * Renders the first prompts of every task stage (and filter stage that calls models) and sends nothing.
 *
 * Each task runs once on a sample input (the first seed record, or placeholders such as
 * `<topic>` for the fields its input schema requires) against stand-in models that record the
 * request and answer `<response of provider:model>`; the task's later calls (e.g. a conversion of
 * that answer) are rendered too, up to four per stage. Errors the stand-in answers cause are expected
 * and ignored.
 */
export async function dryRunRecipe(plan: RecipePlan): Promise<DryRunStage[]> {
  const result: DryRunStage[] = [];
  let sample: JsonRecord = {};
  for (const stage of plan.stages) {
    if (stage.kind === 'source') {
      for await (const record of readSourceRecords(stage)) {
        sample = record;
        break;
      }
      result.push({ name: stage.name, kind: stage.kind, reference: stage.path, input: sample, prompts: [] });
      continue;
    }
    const callsModels =
      stage.kind === 'filter' && Object.keys({ ...stage.models, ...stage.rewardModels, ...stage.embeddingModels }).length > 0;
    if (stage.kind !== 'task' && !callsModels) {
      result.push({ name: stage.name, kind: stage.kind, reference: stage.reference, prompts: [] });
      continue;
    }
    if (stage.kind !== 'task' && stage.kind !== 'filter') continue;
    const input = stage.kind === 'task' ? { ...placeholderInput(stage), ...sample } : { [stage.field]: `<${stage.field}>`, ...sample };
    const prompts: DryRunPrompt[] = [];
    const controller = new AbortController();
    // Every model of the stage replaced by a stand-in that records what it is sent.
    const recording = <Model, Planned extends { readonly reference: string; readonly model: Model }>(
      models: Readonly<Record<string, Planned>>,
      standIn: (model: Model, reference: string, role: string, prompts: DryRunPrompt[], controller: AbortController) => Model,
    ): Record<string, Planned> =>
      Object.fromEntries(Object.entries(models).map(([role, planned]) => [role, { ...planned, model: standIn(planned.model, planned.reference, role, prompts, controller) }]));
    const recordingStage: PlannedTaskStage | PlannedFilterStage = {
      ...stage,
      models: recording(stage.models, recordingModel),
      ...(stage.rewardModels == null ? {} : { rewardModels: recording(stage.rewardModels, recordingRewardModel) }),
      ...(stage.embeddingModels == null ? {} : { embeddingModels: recording(stage.embeddingModels, recordingEmbeddingModel) }),
    };
    const contextOptions = {
      recordId: 'dry-run',
      record: input,
      seed: plan.seed,
      signal: controller.signal,
      gateway: createModelGateway({ statistics: new RunStatistics(), signal: controller.signal }),
    };
    try {
      if (recordingStage.kind === 'task') {
        const context = createTaskContext({ ...contextOptions, stage: recordingStage });
        for await (const _output of toAsyncIterable(recordingStage.task.run(input, context))) {
          // Outputs of stand-in answers are meaningless; only the prompts matter.
        }
      } else {
        // A filter that calls models: its calls for one record (an aggregate filter's for a batch of one).
        const context = createFilterContext({ ...contextOptions, stage: recordingStage });
        const text = String(input[recordingStage.field]);
        const { filter } = recordingStage;
        if (isAggregateFilter(filter)) {
          const directory = await mkdtemp(join(tmpdir(), 'synthkit-dry-run-'));
          try {
            await filter.observe([{ index: 0, id: 'dry-run', text, record: input }], { ...context, directory, seed: plan.seed });
          } finally {
            await rm(directory, { recursive: true, force: true });
          }
        } else {
          await filter.score(text, { ...input, _id: 'dry-run' }, context);
        }
      }
    } catch {
      // Expected: stand-in answers rarely parse.
    }
    result.push({ name: stage.name, kind: stage.kind, reference: stage.reference, input, prompts });
    sample = {};
  }
  return result;
}

// --- Internal helpers ---

function recordingModel(
  model: LanguageModelV1,
  reference: string,
  role: string,
  prompts: DryRunPrompt[],
  controller: AbortController,
): LanguageModelV1 {
  return {
    specificationVersion: 'v1',
    provider: model.provider,
    modelId: model.modelId,
    async doGenerate(options) {
      const messages = options.messages ?? [{ role: 'user' as const, content: options.prompt ?? '' }];
      recordPrompt(prompts, controller, { role, model: reference, messages });
      const text = `<response of ${reference}>`;
      return {
        choices: Array.from({ length: options.params.n ?? 1 }, () => ({ text, finishReason: 'stop' as const })),
        usage: { inputTokens: undefined, outputTokens: undefined },
      };
    },
  };
}

/** A stand-in reward model: records the conversation as a prompt, answers a score of 0 for `placeholder`. */
function recordingRewardModel(
  model: RewardModelV1,
  reference: string,
  role: string,
  prompts: DryRunPrompt[],
  controller: AbortController,
): RewardModelV1 {
  return {
    specificationVersion: 'v1',
    provider: model.provider,
    modelId: model.modelId,
    async doScore({ messages }) {
      recordPrompt(prompts, controller, { role, model: reference, messages: [...messages] });
      return { scores: { placeholder: 0 } };
    },
  };
}

/** A stand-in embedding model: records the texts as one prompt (a user message each), answers unit vectors. */
function recordingEmbeddingModel(
  model: EmbeddingModelV1,
  reference: string,
  role: string,
  prompts: DryRunPrompt[],
  controller: AbortController,
): EmbeddingModelV1 {
  return {
    specificationVersion: 'v1',
    provider: model.provider,
    modelId: model.modelId,
    async doEmbed({ texts }) {
      recordPrompt(prompts, controller, { role, model: reference, messages: texts.map((text) => ({ role: 'user' as const, content: text })) });
      return { embeddings: texts.map(() => [1, 0]) };
    },
  };
}

/** Keeps a prompt of the stage; past {@link maximumPromptsPerStage}, stops the stage's dry run instead. */
function recordPrompt(prompts: DryRunPrompt[], controller: AbortController, prompt: DryRunPrompt): void {
  if (prompts.length >= maximumPromptsPerStage) {
    controller.abort();
    throw new Error('dry run: enough prompts');
  }
  prompts.push(prompt);
}

function placeholderInput(stage: PlannedTaskStage): JsonRecord {
  const schema = optionsJsonSchema(stage.task.input) as { properties?: Record<string, { type?: string }> } | null;
  return Object.fromEntries(
    Object.entries(schema?.properties ?? {}).map(([field, property]) => [
      field,
      property.type === 'number' || property.type === 'integer' ? 0 : property.type === 'boolean' ? false : `<${field}>`,
    ]),
  );
}
