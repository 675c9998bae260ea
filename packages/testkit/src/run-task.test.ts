import { APICallError, InvalidArgumentError, z, type TaskV1 } from '@synthkit/core';
import { ModelCallError } from '@synthkit/runtime';
import { describe, expect, it } from 'vitest';
import { MockEmbeddingModelV1 } from './mock-embedding-model-v1';
import { MockLanguageModelV1 } from './mock-language-model-v1';
import { MockRewardModelV1 } from './mock-reward-model-v1';
import { runTask } from './run-task';

interface SummaryOptions {
  sentences: number;
  candidates: number;
}

/**
 * A small task for the harness: the writer drafts `candidates` summaries in one call, the checker
 * judges each; faithful ones are emitted, the others rejected.
 */
const summaryTask: TaskV1<SummaryOptions, { text: string }, { summary: string; draw: number }> = {
  specificationVersion: 'v1',
  description: 'Summarises a text and keeps the summaries the checker calls faithful.',
  options: z.object({ sentences: z.number().int().positive().default(1), candidates: z.number().int().positive().default(1) }).strict(),
  input: z.object({ text: z.string() }),
  output: z.object({ summary: z.string().min(1), draw: z.number() }).strict(),
  models: { writer: 'Writes summaries.', checker: 'Answers yes or no.' },
  templates: {
    summarise: {
      specificationVersion: 'v1',
      name: 'summarise',
      system: 'You write {tone} summaries.',
      user: 'Summarise in {sentences} sentences: {text}',
      variables: ['sentences', 'text'],
    },
    check: { specificationVersion: 'v1', name: 'check', user: 'Is this faithful? {summary}', variables: ['summary'] },
  },
  async run(input, context) {
    const { texts } = await context.generate({
      role: 'writer',
      template: 'summarise',
      variables: { text: input.text, sentences: context.options.sentences },
      defaults: { temperature: 0.2 },
      params: { n: context.options.candidates },
    });
    const kept: Array<{ summary: string; draw: number }> = [];
    for (const summary of texts) {
      const { text: verdict } = await context.generate({
        role: 'checker',
        template: 'check',
        variables: { summary },
        defaults: { temperature: 0 },
      });
      if (verdict === 'yes') kept.push({ summary, draw: context.random() });
      else context.reject('unfaithful summary', { summary });
    }
    return kept;
  },
};

const input = { text: 'Cats sleep a lot.' };
const variables = { tone: 'plain' };

describe('runTask', () => {
  it('runs the task through the engine and returns its records, calls and requests', async () => {
    const writer = new MockLanguageModelV1({ modelId: 'writer-1', doGenerate: ['Cats nap.'] });
    const checker = new MockLanguageModelV1({ modelId: 'checker-1', doGenerate: ['yes'] });
    const { records, rejections, calls, requests } = await runTask(summaryTask, { input, variables, models: { writer, checker } });

    expect(records).toEqual([{ summary: 'Cats nap.', draw: expect.any(Number) as unknown }]);
    expect(rejections).toEqual([]);
    expect(calls).toEqual([
      expect.objectContaining({ stage: 'task', role: 'writer', model: 'mock:writer-1', template: 'summarise', attempts: 1, cached: false }),
      expect.objectContaining({ stage: 'task', role: 'checker', model: 'mock:checker-1', template: 'check', attempts: 1, cached: false }),
    ]);
    expect(calls[0]?.templateHash).toMatch(/^[0-9a-f]+$/);
    expect(requests).toEqual([
      { role: 'writer', template: 'summarise', variables: { text: 'Cats sleep a lot.', sentences: 1 }, defaults: { temperature: 0.2 }, params: { n: 1 } },
      { role: 'checker', template: 'check', variables: { summary: 'Cats nap.' }, defaults: { temperature: 0 } },
    ]);
    expect(writer.doGenerateCalls).toEqual([
      {
        messages: [
          { role: 'system', content: 'You write plain summaries.' },
          { role: 'user', content: 'Summarise in 1 sentences: Cats sleep a lot.' },
        ],
        params: { temperature: 0.2, n: 1 },
      },
    ]);
    expect(checker.doGenerateCalls[0]?.messages).toEqual([{ role: 'user', content: 'Is this faithful? Cats nap.' }]);
  });

  it('renders templates with the overrides and variables given, the task variables winning', async () => {
    const writer = new MockLanguageModelV1({ doGenerate: 'Cats nap.' });
    const checker = new MockLanguageModelV1({ doGenerate: 'yes' });
    const plain = await runTask(summaryTask, { input, variables, models: { writer, checker } });
    const { calls } = await runTask(summaryTask, {
      options: { sentences: 2 },
      input,
      models: { writer, checker },
      variables: { tone: 'dry', text: 'ignored: the task supplies its own text' },
      templates: { summarise: { system: '', user: 'In {sentences} sentences, {tone}: {text}' } },
    });
    expect(writer.doGenerateCalls[1]?.messages).toEqual([{ role: 'user', content: 'In 2 sentences, dry: Cats sleep a lot.' }]);
    expect(calls[0]?.template).toBe('summarise');
    expect(calls[0]?.templateHash).not.toBe(plain.calls[0]?.templateHash);
    expect(calls[1]?.templateHash).toBe(plain.calls[1]?.templateHash);
  });

  it("fills a placeholder from the input record's fields, under the variables and the task's own, as a run does", async () => {
    const writer = new MockLanguageModelV1({ doGenerate: 'Cats nap.' });
    const checker = new MockLanguageModelV1({ doGenerate: 'yes' });
    await runTask(summaryTask, {
      input: { text: 'Cats sleep a lot.', source: 'a vet', tone: 'from the record' },
      models: { writer, checker },
      variables,
      templates: { summarise: { system: '', user: 'Summarise what {source} says, {tone}: {text}' } },
    });
    // `source` comes from the record; `tone` from the variables, over the record's.
    expect(writer.doGenerateCalls[0]?.messages).toEqual([{ role: 'user', content: 'Summarise what a vet says, plain: Cats sleep a lot.' }]);
  });

  it('layers parameters as the engine does: default < task defaults < role < task params', async () => {
    const writer = new MockLanguageModelV1({ doGenerate: 'Cats nap.' });
    const checker = new MockLanguageModelV1({ doGenerate: 'yes' });
    const { calls } = await runTask(summaryTask, {
      options: { candidates: 2 },
      input,
      variables,
      models: { writer, checker },
      params: { default: { temperature: 0.9, maxTokens: 100 }, writer: { n: 5, topP: 0.5 }, checker: { temperature: 0.4 } },
    });
    // writer: its task default (0.2) beats the recipe default (0.9); the task's n beats the role's.
    expect(calls[0]?.params).toEqual({ temperature: 0.2, maxTokens: 100, topP: 0.5, n: 2 });
    expect(writer.doGenerateCalls[0]?.params).toEqual({ temperature: 0.2, maxTokens: 100, topP: 0.5, n: 2 });
    // checker: the role's own parameters beat the task default (0).
    expect(calls[1]?.params).toEqual({ temperature: 0.4, maxTokens: 100 });
    expect(checker.doGenerateCalls[1]?.params).toEqual({ temperature: 0.4, maxTokens: 100 });
  });

  it('splits a large n for a model with a smaller maxChoicesPerCall, as the gateway does', async () => {
    const writer = new MockLanguageModelV1({ maxChoicesPerCall: 2, doGenerate: ['One.', 'Two.'] });
    const checker = new MockLanguageModelV1({ doGenerate: 'yes' });
    const { records, calls } = await runTask(summaryTask, { options: { candidates: 3 }, input, variables, models: { writer, checker } });
    expect(writer.doGenerateCalls.map((call) => call.params.n)).toEqual([2, 1]);
    expect(records.map((record) => record.summary)).toEqual(['One.', 'One.', 'Two.']);
    expect(calls[0]).toMatchObject({ role: 'writer', attempts: 2, params: { n: 3 } });
  });

  it('returns the rejections of the task with their reasons and details', async () => {
    const writer = new MockLanguageModelV1({ doGenerate: { choices: [{ text: 'Cats nap.', finishReason: 'stop' }, { text: 'Dogs bark.', finishReason: 'stop' }], usage: { inputTokens: 9, outputTokens: 4 } } });
    const checker = new MockLanguageModelV1({ doGenerate: ['yes', 'no'] });
    const { records, rejections, calls } = await runTask(summaryTask, { options: { candidates: 2 }, input, variables, models: { writer, checker } });
    expect(records.map((record) => record.summary)).toEqual(['Cats nap.']);
    expect(rejections).toEqual([{ reason: 'unfaithful summary', details: { summary: 'Dogs bark.' } }]);
    expect(calls[0]?.usage).toEqual({ inputTokens: 9, outputTokens: 4 });
    expect(calls[1]?.usage).toEqual({});
  });

  it('binds one model to every role, which can answer by prompt', async () => {
    const model = new MockLanguageModelV1({
      doGenerate: ({ messages }) => (messages?.at(-1)?.content.startsWith('Is this faithful?') ? 'yes' : 'Cats nap.'),
    });
    const { records, calls } = await runTask(summaryTask, { input, variables, models: model });
    expect(records.map((record) => record.summary)).toEqual(['Cats nap.']);
    expect(calls.map((call) => [call.role, call.model])).toEqual([
      ['writer', 'mock:mock-model'],
      ['checker', 'mock:mock-model'],
    ]);
    expect(model.doGenerateCalls).toHaveLength(2);
  });

  it('draws random numbers seeded by the seed and the record id, as a run does', async () => {
    const draw = async (seed: number, recordId?: string) => {
      const models = { writer: new MockLanguageModelV1({ doGenerate: 'Cats nap.' }), checker: new MockLanguageModelV1({ doGenerate: 'yes' }) };
      const { records } = await runTask(summaryTask, { input, variables, models, seed, ...(recordId == null ? {} : { recordId }) });
      return records[0]?.draw;
    };
    const first = await draw(7);
    expect(await draw(7)).toBe(first);
    expect(await draw(8)).not.toBe(first);
    expect(await draw(7, 'another-record')).not.toBe(first);
  });

  it('parses the options with the task schema, and says which option is wrong', async () => {
    const run = runTask(summaryTask, { options: { sentences: 0, extra: true }, input, variables, models: new MockLanguageModelV1() });
    await expect(run).rejects.toSatisfy((error) => InvalidArgumentError.isInstance(error) && error.argument === 'options');
    await expect(run).rejects.toThrowError(/The options do not fit test:task:\n {2}- options\.sentences: .*\n {2}- options: .*"extra"/);
  });

  it('checks the input with the task schema, as the engine does', async () => {
    const run = runTask(summaryTask, { input: { text: 42 }, variables, models: new MockLanguageModelV1(), reference: 'acme:summary' });
    await expect(run).rejects.toThrowError(/^input does not fit acme:summary: text: /);
  });

  it('fails on a record that does not fit the output schema, naming the field', async () => {
    const models = { writer: new MockLanguageModelV1({ doGenerate: '' }), checker: new MockLanguageModelV1({ doGenerate: 'yes' }) };
    await expect(runTask(summaryTask, { input, variables, models })).rejects.toThrowError(
      /^test:task returned a record that does not fit its output schema \(a bug in the task\): summary: /,
    );
  });

  it('surfaces a failing model as the gateway ModelCallError, after the endpoint retries', async () => {
    const answers = [new APICallError({ message: 'HTTP 503: busy', statusCode: 503 }), new APICallError({ message: 'HTTP 503: still busy', statusCode: 503 })];
    const writer = new MockLanguageModelV1({
      doGenerate: () => {
        throw answers.shift();
      },
    });
    const run = runTask(summaryTask, { input, variables, models: { writer, checker: new MockLanguageModelV1() }, endpoint: { maxAttempts: 2 } });
    const error: unknown = await run.catch((caught: unknown) => caught);
    expect(ModelCallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'failed', model: 'mock:mock-model', attempts: 2, statusCode: 503 });
    expect((error as Error).message).toContain('no usable answer after 2 attempts (endpoints.max_attempts); the last: HTTP 503: still busy');
    expect(writer.doGenerateCalls).toHaveLength(2);
  });

  it('surfaces an exhausted script as a ModelCallError naming the number of answers', async () => {
    const models = { writer: new MockLanguageModelV1({ doGenerate: 'Cats nap.' }), checker: new MockLanguageModelV1({ modelId: 'checker', doGenerate: [] }) };
    const error: unknown = await runTask(summaryTask, { input, variables, models }).catch((caught: unknown) => caught);
    expect(ModelCallError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('mock:checker: MockLanguageModelV1 mock:checker received call 1, but doGenerate lists 0 answers.');
  });

  it('applies the finish-reason policies: a content-filtered answer is refused', async () => {
    const writer = new MockLanguageModelV1({ doGenerate: { choices: [{ text: '', finishReason: 'content-filter' }], usage: { inputTokens: 1, outputTokens: 0 } } });
    const error: unknown = await runTask(summaryTask, { input, variables, models: { writer, checker: new MockLanguageModelV1() } }).catch(
      (caught: unknown) => caught,
    );
    expect(ModelCallError.isInstance(error) && error.kind === 'refused').toBe(true);
  });

  it('says which roles, parameters and templates the task declares when given others', async () => {
    const model = new MockLanguageModelV1();
    await expect(runTask(summaryTask, { input, models: { writer: model } })).rejects.toThrowError(
      'No model for the role checker of test:task. Pass models: { writer: new MockLanguageModelV1(...), checker: new MockLanguageModelV1(...) }, or one model for every role.',
    );
    await expect(runTask(summaryTask, { input, models: { writer: model, checker: model, judge: model } })).rejects.toThrowError(
      'test:task has no model role "judge"; its roles are: writer, checker.',
    );
    await expect(runTask(summaryTask, { input, models: model, params: { judge: { temperature: 1 } } })).rejects.toThrowError(
      'test:task has no model role "judge"; set params for one of: default, writer, checker.',
    );
    await expect(runTask(summaryTask, { input, models: model, templates: { summary: { user: 'x' } } })).rejects.toThrowError(
      'test:task has no template "summary"; its templates are: summarise, check.',
    );
    expect(model.doGenerateCalls).toEqual([]);
  });
});

describe('runTask: reward and embedding models', () => {
  const pick = {
    specificationVersion: 'v1',
    description: 'Keeps the candidate the reward model scores highest, with its distance to the prompt.',
    options: z.object({}),
    input: z.object({ prompt: z.string() }),
    output: z.object({ best: z.string(), score: z.number(), dimensions: z.number() }),
    models: { writer: 'Writes candidates.' },
    rewardModels: { reward: 'Scores each candidate.' },
    embeddingModels: { embedder: 'Embeds the best candidate.' },
    templates: { write: { specificationVersion: 'v1', name: 'write', user: 'Answer: {prompt}', variables: ['prompt'] } },
    async run(input, context) {
      const { texts } = await context.generate({ role: 'writer', template: 'write', variables: { prompt: input.prompt }, params: { n: 3 } });
      const scored = await Promise.all(
        texts.map(async (text) => {
          const { scores } = await context.score({ role: 'reward', messages: [{ role: 'user', content: input.prompt }, { role: 'assistant', content: text }] });
          return { text, score: scores['helpfulness']! };
        }),
      );
      const best = scored.reduce((top, candidate) => (candidate.score > top.score ? candidate : top));
      const { embeddings } = await context.embed({ role: 'embedder', texts: [best.text] });
      return [{ best: best.text, score: best.score, dimensions: embeddings[0]!.length }];
    },
  } satisfies TaskV1<object, { prompt: string }, { best: string; score: number; dimensions: number }>;

  it('binds them by role, records what they were asked, and traces their calls', async () => {
    const writer = new MockLanguageModelV1({
      doGenerate: {
        choices: [
          { text: 'Short.', finishReason: 'stop' },
          { text: 'A longer, more useful answer.', finishReason: 'stop' },
          { text: 'Medium one.', finishReason: 'stop' },
        ],
        usage: { inputTokens: 3, outputTokens: 9 },
      },
    });
    const reward = new MockRewardModelV1({ doScore: (messages) => ({ helpfulness: messages.at(-1)!.content.length }) });
    const embedder = new MockEmbeddingModelV1({ doEmbed: (text) => [text.length, 0, 1] });

    const { records, calls } = await runTask(pick, { input: { prompt: 'Help?' }, models: { writer }, rewardModels: { reward }, embeddingModels: { embedder } });

    expect(records).toEqual([{ best: 'A longer, more useful answer.', score: 29, dimensions: 3 }]);
    expect(reward.doScoreCalls.map((messages) => messages.at(-1)?.content).sort()).toEqual(['A longer, more useful answer.', 'Medium one.', 'Short.']);
    expect(embedder.doEmbedCalls).toEqual([['A longer, more useful answer.']]);
    expect(calls.map((call) => [call.role, call.kind, call.model])).toEqual([
      ['writer', undefined, 'mock:mock-model'],
      ['reward', 'reward', 'mock:mock-reward'],
      ['reward', 'reward', 'mock:mock-reward'],
      ['reward', 'reward', 'mock:mock-reward'],
      ['embedder', 'embedding', 'mock:mock-embedding'],
    ]);
    expect(calls.filter((call) => call.kind === 'reward').map((call) => call.scores?.['helpfulness']).sort((a, b) => a! - b!)).toEqual([6, 11, 29]);
  });

  it('says which role has no model, and which roles exist', async () => {
    const writer = new MockLanguageModelV1({ doGenerate: 'x' });
    await expect(runTask(pick, { models: { writer }, input: { prompt: 'p' } })).rejects.toThrow(
      'No reward model for the role reward of test:task. Pass rewardModels: { reward: new MockRewardModelV1(...) }.',
    );
    await expect(
      runTask(pick, { models: { writer }, input: { prompt: 'p' }, rewardModels: { rewards: new MockRewardModelV1() } }),
    ).rejects.toThrow('test:task has no reward-model role "rewards"; its reward-model roles are: reward.');
  });

  it('needs models only for the roles scoringRoles() says the options call, as a recipe does', async () => {
    const embedder = new MockEmbeddingModelV1({ doEmbed: (text) => [text.length] });
    const writer = new MockLanguageModelV1({ doGenerate: 'x' });
    const unscored = { ...pick, scoringRoles: () => ['embedder'], run: async () => [{ best: 'x', score: 0, dimensions: 1 }] };
    const { records } = await runTask(unscored, { models: { writer }, input: { prompt: 'p' }, embeddingModels: { embedder } });
    expect(records).toEqual([{ best: 'x', score: 0, dimensions: 1 }]);
    await expect(runTask(unscored, { models: { writer }, input: { prompt: 'p' } })).rejects.toThrow('No embedding model for the role embedder of test:task.');
  });
});
