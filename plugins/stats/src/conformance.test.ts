import { MockEmbeddingModelV1 } from '@synthkit/testkit';
import { describeFilterConformance } from '@synthkit/testkit/conformance';
import plugin from './index';

// stats:diversity passes the aggregate conformance kit: run through the engine over every sample
// twice, in three orders, it keeps every record, fails none, and makes no drop to explain.
describeFilterConformance({
  name: 'stats:diversity',
  definition: plugin.filters.diversity,
  options: [{}, { sample: 5, seed: 3, top: 2, distinct_budget: 3, near_duplicate_threshold: 0.5 }, { sample: 8, embeddings: true }],
  embeddingModels: { embedder: new MockEmbeddingModelV1({ doEmbed: (text) => [text.length, 1] }) },
});
