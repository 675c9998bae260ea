import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import { definePlugin, validatePluginManifest } from '../../plugin/v1/define-plugin';
import type { PromptTemplateV1 } from '../../prompt-template/v1/prompt-template-v1';
import { defineTask, type TypedTaskV1 } from './define-task';
import type { TaskContextV1, TaskV1 } from './task-v1';

const shout = defineTask({
  description: 'Asks the generator to shout a word.',
  options: z.object({ times: z.number().int().min(1).default(2) }),
  input: z.object({ word: z.string() }),
  output: z.object({ shouted: z.string() }),
  models: { generator: 'Shouts the word.' },
  templates: { shout: { user: 'Shout "{word}" {times} times.', variables: ['word', 'times'] } },
  async run(input, context) {
    expectTypeOf(input).toEqualTypeOf<{ word: string }>();
    expectTypeOf(context.options).toEqualTypeOf<{ times: number }>();
    const { text } = await context.generate({ role: 'generator', template: 'shout', variables: { word: input.word, times: context.options.times } });
    return [{ shouted: text }];
  },
});

/** A context that answers every generate call with the rendered user text, upper-cased. */
function fakeContext(options: unknown): TaskContextV1<never> {
  const render = (template: string, variables: Record<string, unknown>) => [
    { role: 'user' as const, content: shout.templates[template]!.user.replace(/\{(\w+)\}/g, (_, name: string) => String(variables[name])) },
  ];
  return {
    options: options as never,
    signal: new AbortController().signal,
    recordId: 'record-1',
    random: () => 0.5,
    render,
    async generate(request) {
      const text = render(request.template, request.variables)[0]!.content.toUpperCase();
      return { texts: [text], text, finishReasons: ['stop'], finishReason: 'stop' };
    },
    model: () => {
      throw new Error('not used');
    },
    score: () => Promise.reject(new Error('not used')),
    embed: () => Promise.reject(new Error('not used')),
    reject: () => undefined,
  };
}

describe('defineTask', () => {
  it('makes a v1 task: templates named by their keys, the schemas and run as given', async () => {
    expectTypeOf(shout).toEqualTypeOf<TypedTaskV1<{ times: number }, { word: string }, { shouted: string }, 'shout'>>();
    expectTypeOf(shout).toExtend<TaskV1<{ times: number }, { word: string }, { shouted: string }>>();
    // The templates are known by name: no check for undefined before reading one.
    expectTypeOf(shout.templates.shout).toEqualTypeOf<PromptTemplateV1>();
    expect(shout.templates.shout.user).toBe('Shout "{word}" {times} times.');
    expect(shout.specificationVersion).toBe('v1');
    expect(shout.templates).toEqual({
      shout: { specificationVersion: 'v1', name: 'shout', user: 'Shout "{word}" {times} times.', variables: ['word', 'times'] },
    });
    expect(validatePluginManifest({ specificationVersion: 'v1', meta: { name: 'p', version: '1.0.0', namespace: 'p' }, tasks: { shout } })).toEqual([]);
    const records = await shout.run({ word: 'hey' }, fakeContext(shout.options.parse({})));
    expect(records).toEqual([{ shouted: 'SHOUT "HEY" 2 TIMES.' }]);
  });

  it('refuses a template whose written name is not its key', () => {
    const define = () =>
      defineTask({
        description: 'Has a template named twice.',
        options: z.object({}),
        input: z.object({}),
        output: z.object({}),
        models: {},
        templates: { ask: { name: 'question', user: 'Hi', variables: [] } as never },
        run: async () => [],
      });
    expect(define).toThrowError(InvalidArgumentError);
    expect(define).toThrowError('the template keyed "ask" says its name is "question"');
  });

  it('makes a typo in an option, a field, a role, a template or a placeholder a compile error', () => {
    defineTask({
      description: 'Typos, each caught by the compiler.',
      options: z.object({ n_items: z.number().default(3) }),
      input: z.object({ topic: z.string() }),
      output: z.object({ items: z.array(z.string()) }),
      models: { generator: 'Lists items.' },
      templates: { list: { user: 'List {n_items} items about {topic}.', variables: ['n_items', 'topic'] } },
      async run(input, context) {
        // @ts-expect-error: the option is n_items.
        void context.options.n_item;
        // @ts-expect-error: the input field is topic.
        void input.topics;
        // @ts-expect-error: the role is generator.
        await context.generate({ role: 'genrator', template: 'list', variables: { n_items: 1, topic: input.topic } });
        // @ts-expect-error: the template is list.
        await context.generate({ role: 'generator', template: 'lists', variables: { n_items: 1, topic: input.topic } });
        // @ts-expect-error: the template's topic placeholder is not supplied.
        await context.generate({ role: 'generator', template: 'list', variables: { n_items: 1 } });
        return [{ items: [] }];
      },
    });
    defineTask({
      description: 'Returns records of the wrong shape.',
      options: z.object({}),
      input: z.object({}),
      output: z.object({ items: z.array(z.string()) }),
      models: {},
      templates: {},
      // @ts-expect-error: the output field is items, a list.
      run: async () => [{ item: 'x' }],
    });
    // A plugin made of defined items needs no casts.
    const plugin = definePlugin({ specificationVersion: 'v1', meta: { name: 'p', version: '1.0.0', namespace: 'p' }, tasks: { shout } });
    expect(plugin.tasks.shout).toBe(shout);
  });

  it('keeps reward and embedding roles, typed: a typo in one is a compile error', () => {
    const rank = defineTask({
      description: 'Ranks an answer.',
      options: z.object({}),
      input: z.object({ prompt: z.string(), answer: z.string() }),
      output: z.object({ score: z.number(), length: z.number() }),
      models: {},
      rewardModels: { reward: 'Scores the answer.' },
      embeddingModels: { embedder: 'Embeds the answer.' },
      templates: {},
      // @ts-expect-error: scoringRoles names reward and embedding roles only.
      scoringRoles: () => ['reward', 'embedder', 'writer'],
      async run(input, context) {
        const messages = [
          { role: 'user' as const, content: input.prompt },
          { role: 'assistant' as const, content: input.answer },
        ];
        // @ts-expect-error: the reward role is reward.
        await context.score({ role: 'rewards', messages });
        // @ts-expect-error: embedder is an embedding role, not a reward role.
        await context.score({ role: 'embedder', messages });
        // @ts-expect-error: the embedding role is embedder.
        await context.embed({ role: 'reward', texts: [input.answer] });
        const { scores } = await context.score({ role: 'reward', messages });
        const { embeddings } = await context.embed({ role: 'embedder', texts: [input.answer] });
        return [{ score: scores['helpfulness'] ?? 0, length: embeddings[0]?.length ?? 0 }];
      },
    });
    expect(rank.rewardModels).toEqual({ reward: 'Scores the answer.' });
    const graded = defineTask({ ...rank, scoreOf: (record) => record.score });
    expect(graded.scoreOf?.({ score: 3.5, length: 2 })).toBe(3.5);
    expect('scoreOf' in rank).toBe(false);
    expect(rank.embeddingModels).toEqual({ embedder: 'Embeds the answer.' });
    expect(rank.scoringRoles?.({})).toEqual(['reward', 'embedder', 'writer']);
    expect(validatePluginManifest({ specificationVersion: 'v1', meta: { name: 'p', version: '1.0.0', namespace: 'p' }, tasks: { rank } })).toEqual([]);
    expect(validatePluginManifest({ specificationVersion: 'v1', meta: { name: 'p', version: '1.0.0', namespace: 'p' }, tasks: { rank: { ...rank, models: { reward: 'Writes.' } } } })).toEqual([
      { path: 'tasks.rank.rewardModels.reward', message: expect.stringContaining('role "reward" is declared in both models and rewardModels') },
    ]);
  });

  it('lets a plain TaskV1 with a template name that is not its key fail the manifest check', () => {
    const issues = validatePluginManifest({
      specificationVersion: 'v1',
      meta: { name: 'p', version: '1.0.0', namespace: 'p' },
      tasks: { shout: { ...shout, templates: { shout: { ...shout.templates.shout!, name: 'yell' } } } },
    });
    expect(issues).toEqual([
      {
        path: 'tasks.shout.templates.shout.name',
        message: expect.stringContaining('must equal its key "shout" (recipes override a template by its key); got "yell".'),
      },
    ]);
  });

  it('passes fields through: what a stage reads and writes, from its options', () => {
    const copy = defineTask({
      description: 'Copies one field into another.',
      options: z.object({ from: z.string(), to: z.string() }),
      input: z.record(z.string(), z.json()),
      output: z.record(z.string(), z.string()),
      models: {},
      templates: {},
      fields: ({ from, to }) => ({ reads: [from], writes: [to] }),
      run: async (input, context) => [{ [context.options.to]: String(input[context.options.from]) }],
    });
    expect(copy.fields?.({ from: 'text', to: 'summary' })).toEqual({ reads: ['text'], writes: ['summary'] });
    expect('fields' in defineTask({ description: 'x', options: z.object({}), input: z.object({}), output: z.object({}), models: {}, templates: {}, run: async () => [] })).toBe(false);
  });
});

