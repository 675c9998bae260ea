export type { ChatMessage, ChatRole } from './chat-message';
export type { GenerationParams } from './generation-params';
export type {
  FinishReason,
  LanguageModelV1,
  LanguageModelV1CallOptions,
  LanguageModelV1Choice,
  LanguageModelV1Input,
  LanguageModelV1Result,
  LanguageModelV1Warning,
  ResponseFormat,
} from './language-model-v1';
export type { RateLimitInfo } from './rate-limit-info';
