export * from './errors';
export type * from './language-model/v1';
export type { EmbeddingModelV1 } from './embedding-model/v1/embedding-model-v1';
export type { RewardModelV1 } from './reward-model/v1/reward-model-v1';
export type { ProviderV1 } from './provider/v1/provider-v1';
export type { ProviderDefaultModelAvailabilityV1, ProviderDefaultModelV1, ProviderDefinitionV1 } from './provider/v1/provider-definition-v1';
export type { ConversationFormatterV1 } from './conversation-formatter/v1/conversation-formatter-v1';
export type { PromptTemplateV1 } from './prompt-template/v1/prompt-template-v1';
export type {
  TaskContextV1,
  TaskEmbedRequestV1,
  TaskEmbedResultV1,
  TaskFieldsV1,
  TaskGenerateRequestV1,
  TaskGenerateResultV1,
  TaskResponseFormatV1,
  TaskScoreRequestV1,
  TaskScoreResultV1,
  TaskV1,
} from './task/v1/task-v1';
export type {
  AggregateContextV1,
  AggregateFilterV1,
  AggregateItemV1,
  AggregateVerdictV1,
  FilterContextV1,
  FilterDefinitionV1,
  FilterEmbedRequestV1,
  FilterGenerateRequestV1,
  FilterItemV1,
  FilterModelRolesV1,
  FilterRewardRequestV1,
  FilterScore,
  FilterScoreDetailsV1,
  FilterV1,
} from './filter/v1/filter-v1';
export type { ModifierDefinitionV1, ModifierV1 } from './modifier/v1/modifier-v1';
export type { DatasetDefinitionV1, DatasetReaderV1, DatasetWriterV1 } from './dataset/v1/dataset-v1';
export type { ExecutorV1 } from './executor/v1/executor-v1';
export type {
  JsonRecord,
  JsonValue,
  LineageEntry,
  ModelCallMeta,
  RecordMeta,
  TokenUsage,
} from './record/json-record';
export { fieldNameSchema } from './record/field-name-schema';
export { readTextField } from './record/read-text-field';
export {
  pluginItemCollections,
  type PluginItemCollection,
  type PluginMetaV1,
  type PluginV1,
} from './plugin/v1/plugin-v1';
export { itemNamePattern, pluginV1Schema } from './plugin/v1/plugin-v1-schema';
export { definePlugin, validatePluginManifest } from './plugin/v1/define-plugin';
export {
  defineTask,
  type DefinedTaskContext,
  type DefinedTaskGenerateRequest,
  type TaskDefinition,
  type TaskTemplateDefinition,
  type TaskTemplateVariables,
  type TypedTaskV1,
} from './task/v1/define-task';
export { createFilter } from './filter/v1/create-filter';
export { strictOptionsObject } from './filter/v1/strict-options-object';
export { defineFilter, type DefinedFilter, type FilterDefinition, type TypedFilterDefinitionV1 } from './filter/v1/define-filter';
export {
  defineAggregateFilter,
  isAggregateFilter,
  type AggregateFilterDefinition,
  type DefinedAggregateFilter,
} from './filter/v1/define-aggregate-filter';
export type { TemplateDefinition } from './prompt-template/v1/templates-by-key';
export { createModifier } from './modifier/v1/create-modifier';
export { defineModifier, type ModifierDefinition } from './modifier/v1/define-modifier';
export { defineProvider, type ProviderDefinition } from './provider/v1/define-provider';
export {
  filterStage,
  languageModelFactory,
  modifierStage,
  taskStage,
  type FieldsStageV1,
  type FilterStageSettings,
  type FilterStageV1,
  type ModelSpecV1,
  type ModifierStageSettings,
  type ModifierStageV1,
  type SourceStageV1,
  type StageConditionV1,
  type StageV1,
  type TaskStageSettings,
  type TaskStageV1,
} from './stage/v1/stage-v1';
/**
 * The zod instance synthkit validates with, re-exported so plugin authors can write option schemas
 * without adding (and version-matching) their own zod dependency.
 */
export { z } from 'zod';
