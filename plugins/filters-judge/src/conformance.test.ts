import { describeFilterConformance } from '@synthkit/testkit/conformance';
import { MockEmbeddingModelV1, MockLanguageModelV1, MockRewardModelV1 } from '@synthkit/testkit';
import plugin from './index';

// Every filter passes the conformance kit through the engine, with mock models. The kit's records
// have one field, `text`: the prompt and question fields are pointed at it.

/** A judge that grades by the answer's length, and says "Y" to every criterion but the last of a long passage. */
const judge = new MockLanguageModelV1({
  modelId: 'judge',
  doGenerate: (options) => {
    const prompt = options.messages?.at(-1)?.content ?? '';
    if (prompt.includes('criterion_1')) {
      const criteria = prompt.match(/"criterion_\d+"/g)!.map((key) => key.slice(1, -1));
      return JSON.stringify(Object.fromEntries(criteria.map((key, index) => [key, prompt.length > 4_000 && index === criteria.length - 1 ? 'N' : 'Y'])));
    }
    return JSON.stringify({ reasoning: 'Graded by length.', score: 1 + (prompt.length % 5) });
  },
});

const reward = new MockRewardModelV1({ doScore: (messages) => ({ helpfulness: (messages.at(-1)!.content.length % 40) / 10, verbosity: 1 }) });

/** Counts of letters a to z: similar texts point the same way; a text without letters has no direction. */
const embedder = new MockEmbeddingModelV1({
  doEmbed: (text) => {
    const counts = new Array<number>(26).fill(0);
    for (const letter of text.toLowerCase().match(/[a-z]/g) ?? []) counts[letter.charCodeAt(0) - 97]! += 1;
    return counts;
  },
});

describeFilterConformance({
  name: 'judge:reward',
  definition: plugin.filters.reward,
  options: [{ thresholds: { helpfulness: 2 }, prompt_field: 'text' }, { thresholds: { helpfulness: { min: 1, max: 3 }, verbosity: { max: 2 } }, prompt_field: 'text' }],
  rewardModels: { reward },
});

describeFilterConformance({
  name: 'judge:llm',
  definition: plugin.filters.llm,
  options: [
    { prompt_field: 'text' },
    { prompt_field: 'text', rubric: 'correctness', judges: 3, aggregation: 'median', threshold: 4 },
    { prompt_field: 'text', rubric: 'custom', criteria: 'brevity', judges: 2, aggregation: 'majority' },
  ],
  models: judge,
});

describeFilterConformance({
  name: 'judge:easiness',
  definition: plugin.filters.easiness,
  options: [{ question_field: 'text' }, { question_field: 'text', percentile: 0.3 }],
  embeddingModels: { embedder },
});

describeFilterConformance({
  name: 'judge:answerability',
  definition: plugin.filters.answerability,
  options: [{ question_field: 'text' }, { question_field: 'text', criteria: ['The passage answers it.'] }],
  models: judge,
});
