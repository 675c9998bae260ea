import { defineFilter, definePlugin, defineProvider, defineTask, filterStage, InvalidRecipeError, languageModelFactory, taskStage, z, type JsonRecord, type SourceStageV1, type StageV1 } from '@synthkit/core';
import { createTemporaryProject, type TemporaryProject } from '@synthkit/test-server';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { compilePipeline, fields, source, type PipelineRecordOf } from './compile-pipeline';
import { run, stream } from './run';

// A plugin as a package would write it: items made with the define helpers, and the factories a
// pipeline in code uses.
const plugin = definePlugin({
  specificationVersion: 'v1',
  meta: { name: 'synthkit-plugin-typed', version: '1.0.0', namespace: 'typed' },
  providers: {
    echo: defineProvider({
      description: 'Answers every prompt with itself, upper-cased.',
      settings: z.object({}).strict(),
      create: () => ({
        specificationVersion: 'v1',
        languageModel: (modelId) => ({
          specificationVersion: 'v1',
          provider: 'echo',
          modelId,
          doGenerate: async (options) => {
            const text = (options.messages?.at(-1)?.content ?? options.prompt ?? '').toUpperCase();
            return { choices: [{ text, finishReason: 'stop' }], usage: { inputTokens: 1, outputTokens: 1 } };
          },
        }),
      }),
    }),
  },
  tasks: {
    count: defineTask({
      description: 'Emits count items.',
      options: z.object({ count: z.number().int().min(1), prefix: z.string().default('item') }).strict(),
      input: z.object({}),
      output: z.object({ item: z.string() }),
      models: {},
      templates: {},
      run: async (_input, context) => Array.from({ length: context.options.count }, (_, index) => ({ item: `${context.options.prefix} ${index}` })),
    }),
    ask: defineTask({
      description: 'Asks about an item.',
      options: z.object({}).strict(),
      input: z.object({ item: z.string() }),
      output: z.object({ answer: z.string(), length: z.number() }),
      models: { generator: 'Answers.' },
      templates: { ask: { user: 'Tell me about {item}.', variables: ['item'] } },
      async run(input, context) {
        const { text } = await context.generate({ role: 'generator', template: 'ask', variables: { item: input.item } });
        return [{ answer: text, length: text.length }];
      },
    }),
  },
  filters: {
    'min-length': defineFilter({
      description: 'Keeps texts of at least min characters.',
      options: z.object({ min: z.number().int().default(1) }).strict(),
      create: ({ min }) => ({ score: (text) => text.length, keep: (length) => length >= min }),
    }),
    // A judge: keeps answers whose judge's answer (the echo model upper-cases the prompt) says LONG.
    long: defineFilter({
      description: 'Keeps answers the judge calls long.',
      options: z.object({}).strict(),
      models: { judge: 'Says LONG or SHORT.' },
      templates: { judge: { user: 'Is this long: {text}', variables: ['text'] } },
      create: () => ({
        score: async (text, _record, context) => (await context!.generate({ template: 'judge', variables: { text } })).text.includes('ITEM 1'),
        keep: (long) => long,
      }),
    }),
  },
});
const echo = languageModelFactory(plugin, 'echo');
const count = taskStage(plugin, 'count');
const ask = taskStage(plugin, 'ask');
const minLength = filterStage(plugin, 'min-length');
const long = filterStage(plugin, 'long');

let project: TemporaryProject;
beforeEach(async () => {
  project = await createTemporaryProject();
});
afterEach(async () => {
  await project.remove();
});

describe('a pipeline written in code', () => {
  it('runs as a recipe would, and types its records from its stages', async () => {
    const stages = [count({ count: 3 }), ask(), minLength({ min: 5 }, { field: 'answer' })] as const;
    expectTypeOf<PipelineRecordOf<typeof stages>>().toEqualTypeOf<{
      item: string;
      answer: string;
      length: number;
      readonly _id: string;
      readonly _meta: import('@synthkit/core').RecordMeta;
    }>();

    const report = await run({ models: { default: echo('loud') }, stages, out: `${project.directory}/out` });
    expect(report).toMatchObject({ status: 'completed', output: { records: 3 } });

    const answers: string[] = [];
    for await (const record of stream({ models: { default: echo('loud') }, stages, out: `${project.directory}/streamed` })) {
      expectTypeOf(record.answer).toEqualTypeOf<string>();
      answers.push(record.answer);
    }
    expect(answers.sort()).toEqual(['TELL ME ABOUT ITEM 0.', 'TELL ME ABOUT ITEM 1.', 'TELL ME ABOUT ITEM 2.']);
  });

  it('binds the models of a filter stage that calls them, and traces its calls', async () => {
    const records = [];
    for await (const record of stream({ models: { default: echo('loud') }, stages: [count({ count: 3 }), ask(), long({}, { field: 'answer', models: { judge: echo('judge') } })], out: `${project.directory}/judged` })) {
      records.push(record);
    }
    expect(records.map((record) => record.item)).toEqual(['item 1']);
    expect(records[0]!._meta.calls?.map((call) => [call.stage, call.role, call.model])).toEqual([
      ['ask', 'generator', 'echo:loud'],
      ['long', 'judge', 'echo:judge'],
    ]);
  });

  it('starts from a source file, relative to the directory given', async () => {
    await project.write('items.jsonl', '{"item":"tea"}\n{"item":"bread"}\n');
    const { plan } = await compilePipeline({ directory: project.directory, models: { default: echo('loud') }, stages: [source<{ item: string }>('items.jsonl'), ask()] });
    expect(plan.stages.map((stage) => stage.kind)).toEqual(['source', 'task']);
  });

  it('starts from a folder of documents, typed { text, path }', async () => {
    await project.write('docs/tea.md', 'Tea is a drink.');
    const stages = [source('docs/'), fields({ rename: { text: 'item' } }), ask()] as const;
    expectTypeOf(source('docs/**/*.md')).toEqualTypeOf<SourceStageV1<{ text: string; path: string }>>();
    expectTypeOf(source('seeds.jsonl')).toEqualTypeOf<SourceStageV1<JsonRecord>>();
    const records = [];
    for await (const record of stream({ directory: project.directory, models: { default: echo('loud') }, stages, out: `${project.directory}/out` })) {
      records.push({ path: record.path, answer: record.answer });
    }
    expect(records).toEqual([{ path: 'docs/tea.md', answer: 'TELL ME ABOUT TEA IS A DRINK..' }]);
  });

  it('is checked as a recipe is: every problem with its path, before any request', async () => {
    const error = await compilePipeline({
      models: { default: echo('loud') },
      // @ts-expect-error: the option is count, and the filter's field is misspelt.
      stages: [count({ cout: 3 }), ask(), minLength({ min: 5 }, { field: 'answr' })],
    }).catch((caught: unknown) => caught);
    expect(InvalidRecipeError.isInstance(error)).toBe(true);
    expect((error as InvalidRecipeError).issues.map((issue) => issue.path)).toEqual(['stages[0].options.count', 'stages[0].options', 'stages[2].field']);
    // @ts-expect-error: prefix is a string.
    void count({ count: 1, prefix: 2 });
    // A misspelt setting from JavaScript (no compiler) is reported with the valid keys.
    const misspelt = await compilePipeline({ models: { default: echo('loud') }, stages: [count({ count: 1 }), minLength({}, { feild: 'item' } as never)] as StageV1[] }).catch(
      (caught: unknown) => caught,
    );
    expect((misspelt as InvalidRecipeError).issues).toEqual([{ path: 'stages[1]', message: expect.stringContaining('unknown key "feild" (did you mean "field"?)') }]);
  });

  it('does not compile when a stage reads a field no earlier stage adds', async () => {
    const model = { default: echo('loud') };
    // Each line is refused by the compiler; the recipe compiled from it reports the same problem.
    const refused = [
      // @ts-expect-error: ask reads "item", which nothing before it adds.
      () => compilePipeline({ models: model, stages: [ask()] }),
      // @ts-expect-error: the filter scores "answr"; ask adds "answer".
      () => compilePipeline({ models: model, stages: [count({ count: 1 }), ask(), minLength({}, { field: 'answr' })] }),
      // @ts-expect-error: the filter scores "text" (the default), which no stage adds.
      () => compilePipeline({ models: model, stages: [count({ count: 1 }), minLength()] }),
      // @ts-expect-error: a source typed { name } does not give ask its "item".
      () => compilePipeline({ models: model, stages: [source<{ name: string }>('names.jsonl'), ask()] }),
    ];
    for (const attempt of refused) expect(InvalidRecipeError.isInstance(await attempt().catch((caught: unknown) => caught))).toBe(true);

    // What reaches each stage compiles: a typed source, an untyped one (any field may be there),
    // and a list built at run time, which only the compiled recipe checks.
    expectTypeOf(compilePipeline).toBeCallableWith({ models: model, stages: [source<{ item: string }>('items.jsonl'), ask(), minLength({}, { field: 'answer' })] });
    expectTypeOf(compilePipeline).toBeCallableWith({ models: model, stages: [source('items.jsonl'), ask(), minLength({}, { field: 'anything' })] });
    const built: StageV1[] = [ask()];
    expectTypeOf(compilePipeline).toBeCallableWith({ models: model, stages: built });
  });

  it('has the fields stage and when: as a recipe has them', async () => {
    await project.write('items.jsonl', '{"name":"tea","score":12}\n{"name":"salt","score":2}\n');
    const records = [];
    for await (const record of stream({
      directory: project.directory,
      models: { default: echo('loud') },
      stages: [source<{ name: string; score: number }>('items.jsonl'), fields({ rename: { name: 'item' } }), ask({}, { when: { field: 'score', above: 10 } })],
      out: `${project.directory}/out`,
    })) {
      records.push({ item: record.item, answer: record.answer });
    }
    expect(records.sort((a, b) => String(a.item).localeCompare(String(b.item)))).toEqual([
      { item: 'salt', answer: undefined },
      { item: 'tea', answer: 'TELL ME ABOUT TEA.' },
    ]);
  });
});

