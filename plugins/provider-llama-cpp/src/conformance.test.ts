import { describeInProcessLanguageModelConformance } from '@synthkit/test-server/conformance';
import { afterAll, beforeAll } from 'vitest';
import { createLlamaCpp, type LlamaCppProvider } from './index';
import { writeTinyModel, type TinyModelFolder } from './test-support/tiny-model';

// The model contract, in process, on the random-weight test model: loaded once by one provider for
// the whole suite (every test's model is a model of that provider), with one thread, since more
// threads than free cores make llama.cpp hundreds of times slower.
let tiny: TinyModelFolder;
let provider: LlamaCppProvider;
beforeAll(async () => {
  tiny = await writeTinyModel();
  provider = createLlamaCpp({ models: { tiny: tiny.path }, threads: 1 });
});
afterAll(async () => {
  await provider.dispose();
  await tiny.project.remove();
});

describeInProcessLanguageModelConformance({
  name: '@synthkit/provider-llama-cpp',
  createModel: () => provider.languageModel('tiny'),
  features: ['topK', 'seed', 'activity', 'structuredOutput', 'deterministic'],
});
