export type { ChatMessage, ChatRole } from './chat-message';
export type { GenerationParams, ProviderOptions } from './generation-params';
export type {
  FinishReason,
  LanguageModelV1,
  LanguageModelV1CallOptions,
  LanguageModelV1Choice,
  LanguageModelV1Input,
  LanguageModelV1Request,
  LanguageModelV1ResponseMetadata,
  LanguageModelV1Result,
  LanguageModelV1Usage,
  LanguageModelV1Warning,
  ResponseFormat,
} from './language-model-v1';
export type {
  LanguageModelV1BatchApi,
  LanguageModelV1BatchCallOptions,
  LanguageModelV1BatchEntry,
  LanguageModelV1BatchError,
  LanguageModelV1BatchJob,
  LanguageModelV1BatchRequest,
  LanguageModelV1BatchStatus,
} from './language-model-v1-batch-api';
export type {
  LanguageModelMiddlewareV1,
  ModelCallContextV1,
  ModelCallTraceV1,
} from './language-model-middleware-v1';
export type { RateLimitInfo } from './rate-limit-info';
