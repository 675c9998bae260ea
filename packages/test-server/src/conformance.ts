// `@synthkit/test-server/conformance`: the provider conformance suite. A subpath of its own because
// it imports vitest, which the servers themselves must not need.
export { anthropicMessagesWire } from './anthropic-messages-wire';
export type { ConformanceFeature, InProcessConformanceFeature } from './conformance-feature';
export { openAIChatWire, type ConformanceServer, type ConformanceWire } from './conformance-wire';
export {
  describeInProcessLanguageModelConformance,
  type InProcessLanguageModelConformanceOptions,
} from './describe-in-process-language-model-conformance';
export { describeLanguageModelConformance, type LanguageModelConformanceOptions } from './describe-language-model-conformance';
