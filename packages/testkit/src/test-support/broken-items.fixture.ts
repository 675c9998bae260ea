// Items that break the rules of the filter and modifier kits, each in one way: the kits' own test
// (item-conformance.test.ts) runs this file in a separate vitest and checks that exactly the right
// checks fail.
import { defineFilter, defineModifier, defineTask, z } from '@synthkit/core';
import { describeFilterConformance } from '../describe-filter-conformance';
import { describeModifierConformance } from '../describe-modifier-conformance';
import { describeTaskConformance } from '../describe-task-conformance';

describeFilterConformance({
  name: 'good:min-length',
  definition: defineFilter({
    description: 'Keeps texts of at least min characters.',
    options: z.object({ min: z.number().int().default(3) }).strict(),
    create: ({ min }) => ({ score: (text) => text.length, keep: (length) => length >= min, describe: (length) => `${length} characters, fewer than ${min}` }),
  }),
  options: [{}, { min: 0 }],
});

describeFilterConformance({
  name: 'loose-options',
  definition: defineFilter({ description: 'Options schema not strict.', options: z.object({}), create: () => ({ score: () => 1, keep: () => true }) }),
});

describeFilterConformance({
  name: 'random-score',
  definition: defineFilter({ description: 'Scores at random.', options: z.object({}).strict(), create: () => ({ score: () => Math.random(), keep: () => true }) }),
});

describeFilterConformance({
  name: 'nan-score',
  definition: defineFilter({ description: 'Scores the empty text NaN.', options: z.object({}).strict(), create: () => ({ score: (text) => 1 / text.length - 1 / text.length, keep: () => true }) }),
});

describeFilterConformance({
  name: 'mutating',
  definition: defineFilter({
    description: 'Writes into the record.',
    options: z.object({}).strict(),
    create: () => ({ score: (_text, record) => ((record as Record<string, unknown>)['seen'] = 1), keep: () => true }),
  }),
});

describeFilterConformance({
  name: 'vague-drop',
  definition: defineFilter({ description: 'Drops everything, saying nothing useful.', options: z.object({}).strict(), create: () => ({ score: () => 0, keep: () => false, describe: (score) => `${String(undefined)} ${score}` }) }),
});

describeModifierConformance({
  name: 'good:upper',
  definition: defineModifier({ description: 'Upper-cases the text.', options: z.object({}).strict(), create: () => ({ modify: (text) => text.toUpperCase() }) }),
});

describeModifierConformance({
  name: 'not-text',
  definition: defineModifier({ description: 'Returns a number.', options: z.object({}).strict(), create: () => ({ modify: (text) => text.length as unknown as string }) }),
});

const jsonTask = (parse: (text: string) => string[]) =>
  defineTask({
    description: 'Asks for a JSON list of names.',
    options: z.object({}).strict(),
    input: z.object({}),
    output: z.object({ name: z.string() }),
    models: { generator: 'Lists names as JSON.' },
    templates: { names: { user: 'List three names as a JSON array.', variables: [] } },
    async run(_input, context) {
      const { text } = await context.generate({ role: 'generator', template: 'names', variables: {} });
      return parse(text).map((name) => ({ name }));
    },
  });

/** Reads a JSON list of names, failing with an error of its own on anything else. */
const parseNames = (text: string): string[] => {
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) return value;
  } catch {
    // Not JSON: below.
  }
  throw new Error(`the generator did not answer a JSON list of names: ${text.slice(0, 40)}`);
};

describeTaskConformance({
  name: 'good:names',
  task: jsonTask(parseNames),
  answers: { generator: '["Ada", "Grace"]' },
});

describeTaskConformance({
  name: 'crashing-names',
  task: jsonTask((text) => JSON.parse(text) as string[]),
  answers: { generator: '["Ada", "Grace"]' },
});

describeTaskConformance({
  name: 'undeclared-placeholder',
  task: {
    ...jsonTask(() => ['x']),
    templates: { names: { specificationVersion: 'v1', name: 'names', user: 'List {count} names.', variables: [] } },
  },
  answers: { generator: 'anything' },
});

// A placeholder the task does not supply, filled from the input record as the engine does: fine.
describeTaskConformance({
  name: 'good:record-placeholder',
  task: {
    ...jsonTask(parseNames),
    templates: { names: { specificationVersion: 'v1', name: 'names', user: 'List {count} names as a JSON array.', variables: [] } },
  },
  input: { count: 2 },
  answers: { generator: '["Ada", "Grace"]' },
});

/** Keeps the longer of two candidates by reward, reading the reward model and the embedder the kit supplies. */
describeTaskConformance({
  name: 'good:best-of-two',
  task: defineTask({
    description: 'Keeps the candidate the reward model scores higher.',
    options: z.object({}).strict(),
    input: z.object({}),
    output: z.object({ best: z.string(), dimensions: z.number() }),
    models: { generator: 'Writes two candidates.' },
    rewardModels: { reward: 'Scores each candidate.' },
    embeddingModels: { embedder: 'Embeds the best one.' },
    templates: { write: { user: 'Write a greeting.', variables: [] } },
    async run(_input, context) {
      const { texts } = await context.generate({ role: 'generator', template: 'write', variables: {}, params: { n: 2 } });
      const scored = await Promise.all(
        texts.map(async (text) => ({ text, ...(await context.score({ role: 'reward', messages: [{ role: 'assistant', content: text }] })) })),
      );
      const best = scored.reduce((top, candidate) => ((candidate.scores['helpfulness'] ?? 0) > (top.scores['helpfulness'] ?? 0) ? candidate : top));
      const { embeddings } = await context.embed({ role: 'embedder', texts: [best.text] });
      return [{ best: best.text, dimensions: embeddings[0]!.length }];
    },
  }),
  answers: { generator: { choices: [{ text: 'Hi.', finishReason: 'stop' }, { text: 'Hello, and welcome!', finishReason: 'stop' }], usage: { inputTokens: 1, outputTokens: 2 } } },
});
