export * from './registry';
export * from './template';
export * from './jsonl';
export { DocumentSourceError } from './documents/document-source-error';
export { readDocuments, type DocumentRecord, type ReadDocumentsOptions } from './documents/read-documents';
export { compileRecipe, defaultStageConcurrency, type RecipeOverrides } from './recipe/compile-recipe';
export { loadRecipeFile } from './recipe/load-recipe-file';
export type {
  PlannedDocumentSource,
  PlannedFilterStage,
  PlannedModel,
  PlannedScoringModel,
  PlannedModifierStage,
  PlannedProvider,
  PlannedSourceStage,
  PlannedFieldsStage,
  PlannedStage,
  PlannedTaskStage,
  RecipePlan,
} from './recipe/recipe-plan';
export {
  fieldsStageSchema,
  filterStageSchema,
  modifierStageSchema,
  recipeParamsSchema,
  recipeSchema,
  sourceStageSchema,
  recordConditionSchema,
  taskStageSchema,
  type RecipeDocument,
  type RecipeParams,
  type RecordCondition,
} from './recipe/recipe-schema';
export { optionsJsonSchema } from './recipe/options-json-schema';
export { mergeGenerationParams, toGenerationParams } from './recipe/to-generation-params';
export type { WarningListener } from './engine/create-task-context';
export { recordFields, type PipelineRecord, type RejectEntry } from './engine/pipeline-record';
export { createRecordId } from './engine/record-id';
export { runPipeline, type PipelineOptions } from './engine/run-pipeline';
export type { ModelStatistics, StageStatistics } from './engine/run-statistics';
export { createSeededRandom } from './engine/seeded-random';
export {
  defaultBatchSettings,
  defaultEndpointSettings,
  endpointSettingsSchema,
  resolveEndpointSettings,
  type BatchSettings,
  type EndpointSettings,
  type EndpointSettingsDocument,
  type FinishReasonPolicy,
} from './gateway/endpoint-settings';
export type { CircuitBreakerOptions } from './gateway/circuit-breaker';
export type { BatchStatus } from './gateway/batch-queue';
export { createMemoryBatchJobStore, type BatchJobStore, type StoredBatchJob } from './gateway/batch-job-store';
export type {
  EndpointStatus,
  GatewayEmbeddingModel,
  GatewayModel,
  GatewayRewardModel,
  ModelGateway,
  ModelGatewayOptions,
} from './gateway/model-gateway';
export { ModelCallError } from './gateway/model-call-error';
export { RunStoppedError, type RunStopReason } from './gateway/run-stopped-error';
export {
  defaultCacheDirectory,
  openResponseCache,
  responseCacheKey,
  type CachedAnswer,
  type ResponseCache,
  type ResponseCacheStatistics,
} from './gateway/response-cache';
export { retryDelay } from './gateway/retry-delay';
export type { RunBudget } from './gateway/budget-middleware';
export { costOf, modelPriceSchema, type ModelPrice, type ModelPriceDocument, type PricedUsage } from './cost/model-price';
export { defaultPrices, defaultPricesDate } from './cost/default-prices';
export { PriceTable } from './cost/price-table';
export { checkModels, type CheckModelsOptions, type ModelCheck, type ModelCheckStatus } from './run/check-models';
export { dryRunRecipe, type DryRunPrompt, type DryRunStage } from './run/dry-run-recipe';
export { prepareRecipe, type PrepareRecipeOptions } from './run/prepare-recipe';
export { runRecipe, type RunRecipeOptions } from './run/run-recipe';
export { runOutputFiles, type OutputMode } from './run/run-output';
export type { RecordTracker } from './engine/record-tracker';
export { serializedLine } from './engine/pipeline-record';
export type { RunReport } from './run/run-report';
export { compilePipeline, fields, source, type CheckedStages, type PipelineDefinition, type PipelineRecordOf, type PipelineStageError } from './program/compile-pipeline';
export { run, stream, type PipelineRunOptions } from './program/run';
export { VERSION } from './version';
