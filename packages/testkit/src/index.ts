export * from '@synthkit/test-server';
export { MockLanguageModelV1 } from './mock-language-model-v1';
export type { MockAnswer, MockLanguageModelV1Options } from './mock-language-model-v1';
export { MockRewardModelV1 } from './mock-reward-model-v1';
export type { MockRewardModelV1Options } from './mock-reward-model-v1';
export { MockEmbeddingModelV1 } from './mock-embedding-model-v1';
export type { MockEmbeddingModelV1Options } from './mock-embedding-model-v1';
export { runTask } from './run-task';
export type { RunTaskOptions, RunTaskResult } from './run-task';
