import { describeInProcessLanguageModelConformance } from '@synthkit/testkit/conformance';
import { createMock } from './create-mock';

// The mock has no API: it passes the model contract in process. Every call waits 30 ms, so the
// suite can abort one in the middle; answers are deterministic by seed, and sampling parameters
// (topK, seed...) vary them without a warning.
describeInProcessLanguageModelConformance({
  name: '@synthkit/provider-mock',
  createModel: () => createMock({ latencyMs: 30 }).languageModel('conformance-model'),
  features: ['topK', 'seed', 'activity', 'structuredOutput', 'deterministic'],
});
