// `@synthkit/test-server/conformance`: the provider conformance suite. A subpath of its own because
// it imports vitest, which the servers themselves must not need.
export { anthropicMessagesWire } from './anthropic-messages-wire';
export { openAIChatWire, type ConformanceServer, type ConformanceWire } from './conformance-wire';
export {
  describeLanguageModelConformance,
  type ConformanceFeature,
  type LanguageModelConformanceOptions,
} from './describe-language-model-conformance';
