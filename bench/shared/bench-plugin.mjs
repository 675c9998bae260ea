// A tiny synthkit plugin for the benchmarks, built in code (no package, no discovery):
//
// - tasks `bench:ask`, `bench:question` and `bench:answer`, each making exactly one
//   `context.generate` call per input record, so "records" and "requests" can be compared 1:1;
// - provider `instant`, whose models answer immediately without any I/O, to measure what the
//   engine itself costs per record.
import { definePlugin, z } from '../../packages/core/dist/index.js';

/** The text every instant model answers: enough plain words to pass the heuristic filters used. */
export const instantAnswer = 'A plain answer of about a dozen ordinary words that passes the filters.';

/** A LanguageModelV1 that resolves at once with a fixed answer: the cheapest possible model. */
export function createInstantModel(modelId = 'instant') {
  const result = {
    choices: [{ text: instantAnswer, finishReason: 'stop' }],
    usage: { inputTokens: 8, outputTokens: 12 },
  };
  return {
    specificationVersion: 'v1',
    provider: 'instant',
    modelId,
    async doGenerate() {
      return result;
    },
  };
}

/** The user message `bench:ask` sends for a topic; the hand-written baselines send the same text. */
export function askPrompt(topic) {
  return `Tell me about ${topic}.`;
}

const askTask = {
  specificationVersion: 'v1',
  description: 'Asks the generator about a topic (one request per record).',
  options: z.object({}).strict(),
  input: z.object({ topic: z.string() }),
  output: z.object({ answer: z.string() }),
  models: { generator: 'Answers.' },
  templates: {
    ask: { specificationVersion: 'v1', name: 'ask', user: 'Tell me about {topic}.', variables: ['topic'] },
  },
  async run(input, context) {
    const { text } = await context.generate({ role: 'generator', template: 'ask', variables: { topic: input.topic } });
    return [{ answer: text }];
  },
};

const questionTask = {
  specificationVersion: 'v1',
  description: 'Writes a question about a topic (one request per record).',
  options: z.object({}).strict(),
  input: z.object({ topic: z.string() }),
  output: z.object({ question: z.string() }),
  models: { generator: 'Writes questions.' },
  templates: {
    question: {
      specificationVersion: 'v1',
      name: 'question',
      system: 'You write questions.',
      user: 'Write one question about {topic}.',
      variables: ['topic'],
    },
  },
  async run(input, context) {
    const { text } = await context.generate({ role: 'generator', template: 'question', variables: { topic: input.topic } });
    return [{ question: text }];
  },
};

const answerTask = {
  specificationVersion: 'v1',
  description: 'Answers a question (one request per record).',
  options: z.object({}).strict(),
  input: z.object({ question: z.string() }),
  output: z.object({ answer: z.string() }),
  models: { generator: 'Answers questions.' },
  templates: {
    answer: {
      specificationVersion: 'v1',
      name: 'answer',
      system: 'You answer questions.',
      user: '{question}',
      variables: ['question'],
    },
  },
  async run(input, context) {
    const { text } = await context.generate({ role: 'generator', template: 'answer', variables: { question: input.question } });
    return [{ answer: text }];
  },
};

export const benchPlugin = definePlugin({
  specificationVersion: 'v1',
  meta: { name: 'synthkit-bench', version: '0.0.0', namespace: 'bench' },
  providers: {
    instant: {
      specificationVersion: 'v1',
      description: 'Answers at once, without I/O.',
      settings: z.object({}).strict(),
      create: () => ({ specificationVersion: 'v1', languageModel: (modelId) => createInstantModel(modelId) }),
    },
  },
  tasks: { ask: askTask, question: questionTask, answer: answerTask },
});
