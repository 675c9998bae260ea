export * from '@synthkit/test-server';
export { MockLanguageModelV1 } from './mock-language-model-v1';
export type { MockAnswer, MockLanguageModelV1Options } from './mock-language-model-v1';
export { runTask } from './run-task';
export type { RunTaskOptions, RunTaskResult } from './run-task';
