import { InvalidRecipeError } from '@synthkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRegistry, type Registry } from '../registry/create-registry';
import { createTestPlugin } from '../test-support/test-plugin';
import { compileRecipe } from './compile-recipe';

let registry: Registry;
beforeAll(async () => {
  registry = await createRegistry({ plugins: [createTestPlugin()], discover: false });
});

const validRecipe = () => ({
  name: 'demo',
  models: { default: 'echo:small' },
  params: { default: { temperature: 0.5 }, generator: { max_tokens: 64, stop: '###' } },
  stages: [
    { task: 'test:split', options: { count: 2 } },
    { task: 'test:ask', params: { generator: { temperature: 0.9 } } },
    { filter: 'test:min-length', field: 'answer', options: { min: 3 } },
  ],
});

function issuesOf(document: unknown, overrides = {}) {
  try {
    compileRecipe({ document, registry, directory: '/tmp', overrides });
  } catch (error) {
    expect(InvalidRecipeError.isInstance(error)).toBe(true);
    return (error as InvalidRecipeError).issues;
  }
  throw new Error('expected the recipe to be invalid');
}

describe('compileRecipe', () => {
  it('resolves items, parses options with defaults and layers params', () => {
    const plan = compileRecipe({ document: validRecipe(), registry, directory: '/tmp' });
    expect(plan.stages.map((stage) => stage.name)).toEqual(['split', 'ask', 'min-length']);
    const ask = plan.stages[1];
    if (ask?.kind !== 'task') throw new Error('expected a task stage');
    expect(ask.options).toEqual({ style: 'plain' });
    expect(ask.models.generator?.reference).toBe('echo:small');
    expect(ask.models.generator?.defaultParams).toEqual({ temperature: 0.5 });
    expect(ask.models.generator?.roleParams).toEqual({ temperature: 0.9, maxTokens: 64, stop: ['###'] });
    expect(plan.configHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same config hash for the same recipe, another for another --model', () => {
    const first = compileRecipe({ document: validRecipe(), registry, directory: '/tmp' });
    const again = compileRecipe({ document: validRecipe(), registry, directory: '/tmp' });
    const other = compileRecipe({ document: validRecipe(), registry, directory: '/tmp', overrides: { model: 'echo:big' } });
    expect(again.configHash).toBe(first.configHash);
    expect(other.configHash).not.toBe(first.configHash);
  });

  it('rejects an unknown task with the path of the field and what exists', () => {
    const recipe = validRecipe();
    recipe.stages[1] = { task: 'test:nope' } as never;
    const [issue] = issuesOf(recipe);
    expect(issue?.path).toBe('stages[1].task');
    expect(issue?.message).toContain('Unknown task "test:nope"');
    expect(issue?.message).toContain('test:ask, test:copy, test:split');
  });

  it('rejects a wrong option type at the option path', () => {
    const recipe = validRecipe();
    recipe.stages[0] = { task: 'test:split', options: { count: 'two' } } as never;
    const issues = issuesOf(recipe);
    expect(issues.map((issue) => issue.path)).toContain('stages[0].options.count');
  });

  it('rejects unknown keys in a stage and in options', () => {
    const recipe = validRecipe();
    recipe.stages[0] = { task: 'test:split', options: { count: 2, colour: 'red' }, concurency: 3 } as never;
    const issues = issuesOf(recipe);
    expect(issues).toEqual([
      {
        path: 'stages[0]',
        message: 'unknown key "concurency" (did you mean "concurrency"?). Valid keys: name, options, concurrency, task, when, models, params, templates, variables.',
      },
    ]);
  });

  it('says in its own words what a value must be and what it got, with the closest name for a near miss', () => {
    const recipe = validRecipe();
    const issues = issuesOf({
      ...recipe,
      seed: 1.5,
      endpoints: { default: { concurrency: 0, batch: 'yes' } },
      stages: [
        { task: 'test:split', options: { count: 'two' } },
        { task: 'test:aks' },
        { filter: 'test:min-length', field: 'answer', invert: 'no', options: { min: 3 } },
      ],
    });
    expect(issues).toEqual([
      { path: 'seed', message: 'must be a whole number, got 1.5' },
      { path: 'endpoints.default.concurrency', message: 'must be at least 1, got 0' },
      { path: 'endpoints.default.batch', message: 'must be a boolean or an object, got the text "yes"' },
    ]);
    const stages = issuesOf({ ...recipe, stages: [{ task: 'test:split', options: { count: 'two' } }, { task: 'test:aks' }, { filter: 'test:min-length', invert: 'no' }] });
    expect(stages).toEqual([
      { path: 'stages[0].options.count', message: 'must be a number, got the text "two"' },
      { path: 'stages[1].task', message: expect.stringMatching(/^Unknown task "test:aks"\. Available tasks: .*\. Did you mean "test:ask"\?$/) },
      { path: 'stages[2].invert', message: 'must be a boolean, got the text "no"' },
    ]);
    expect(issuesOf({ ...recipe, models: { default: 'echo:small', genrator: 'echo:large' } })).toEqual([
      { path: 'models.genrator', message: 'no task in this recipe has a model role "genrator"; the roles are: default, generator. Did you mean "generator"?' },
    ]);
  });

  it('rejects a template override that uses a variable nothing supplies', () => {
    const recipe = validRecipe();
    recipe.stages[1] = { task: 'test:ask', templates: { ask: { user: 'Tell {audience} about {item}.' } } } as never;
    const [issue] = issuesOf(recipe);
    expect(issue?.path).toBe('stages[1].templates.ask');
    expect(issue?.message).toContain('uses {audience}, which nothing supplies');
    expect(issue?.message).toContain('The task supplies: item, style');
  });

  it('accepts that override once the stage supplies the variable', () => {
    const recipe = validRecipe();
    recipe.stages[1] = {
      task: 'test:ask',
      templates: { ask: { user: 'Tell {audience} about {item}.' } },
      variables: { audience: 'children' },
    } as never;
    const plan = compileRecipe({ document: recipe, registry, directory: '/tmp' });
    const ask = plan.stages[1];
    expect(ask?.kind === 'task' && ask.templates.ask?.user).toBe('Tell {audience} about {item}.');
  });

  it('rejects an override of a template the task does not have, and malformed braces', () => {
    const recipe = validRecipe();
    recipe.stages[1] = { task: 'test:ask', templates: { asking: { user: 'x' }, ask: { user: 'Tell me {item' } } } as never;
    const issues = issuesOf(recipe);
    expect(issues.map((issue) => issue.path)).toEqual(['stages[1].templates.asking', 'stages[1].templates.ask']);
    expect(issues[0]?.message).toContain('its templates are: ask');
  });

  it('requires a model for every role and a known provider', () => {
    const recipe = validRecipe();
    delete (recipe as { models?: unknown }).models;
    expect(issuesOf(recipe)[0]).toMatchObject({ path: 'stages[1].models.generator' });
    const unknownProvider = { ...validRecipe(), models: { default: 'nope:model' } };
    const [issue] = issuesOf(unknownProvider);
    expect(issue?.path).toBe('models.default');
    expect(issue?.message).toContain('Unknown provider "nope"');
  });

  it('checks endpoints keys, and keeps the keys of replaced models valid under --model', () => {
    const recipe = { ...validRecipe(), endpoints: { default: { concurrency: 4 }, echo: { concurrency: 8 }, 'echo:small': { concurrency: 2 }, 'nope:model': {} } };
    expect(issuesOf(recipe).map((issue) => issue.path)).toEqual(['endpoints["nope:model"]']);
    const withoutTypo = { ...recipe, endpoints: { ...recipe.endpoints, 'nope:model': undefined } };
    delete (withoutTypo.endpoints as Record<string, unknown>)['nope:model'];
    // echo:small is no longer used once --model replaces it, but it names a model of a loaded provider.
    const plan = compileRecipe({ document: withoutTypo, registry, directory: '/tmp', overrides: { model: 'echo:big' } });
    const ask = plan.stages[1];
    if (ask?.kind !== 'task') throw new Error('expected a task stage');
    expect(ask.models.generator?.reference).toBe('echo:big');
    expect(ask.models.generator?.endpoint.concurrency).toBe(8);
    expect(issuesOf(recipe, { model: 'echo:big' }).map((issue) => issue.path)).toEqual(['endpoints["nope:model"]']);
  });

  it('refuses batch: true for a model without a batch API, naming the endpoints key that set it; --model calls its replacement online', () => {
    const recipe = { ...validRecipe(), endpoints: { echo: { batch: { window_ms: 100 } } } };
    const issues = issuesOf(recipe);
    expect(issues.map((issue) => issue.path)).toEqual(['endpoints.echo.batch']);
    expect(issues[0]?.message).toContain('echo:small has no batch API');
    expect(issuesOf({ ...validRecipe(), endpoints: { 'echo:small': { batch: 'yes' } } })[0]?.path).toBe('endpoints["echo:small"].batch');
    const plan = compileRecipe({ document: recipe, registry, directory: '/tmp', overrides: { model: 'echo:big' } });
    const ask = plan.stages[1];
    if (ask?.kind !== 'task') throw new Error('expected a task stage');
    expect(ask.models.generator?.endpoint.batch).toBeUndefined();
  });

  it('validates provider settings and --model', () => {
    expect(issuesOf({ ...validRecipe(), providers: { echo: { prefix: 3 } } })[0]?.path).toBe('providers.echo.prefix');
    expect(issuesOf(validRecipe(), { model: 'no-colon' })[0]?.path).toBe('--model');
  });

  it('checks stage order, names and field flow before any request', () => {
    const filterFirst = { ...validRecipe(), stages: [{ filter: 'test:min-length' }] };
    expect(issuesOf(filterFirst)[0]?.message).toContain('the first stage must produce records');

    const askFirst = { ...validRecipe(), stages: [{ task: 'test:ask' }] };
    expect(issuesOf(askFirst)[0]).toMatchObject({
      path: 'stages[0].task',
      message: expect.stringContaining('reads the field "item"'),
    });

    const split = { task: 'test:split', options: { count: 1 } };
    const twice = { ...validRecipe(), stages: [split, { task: 'test:ask' }, { task: 'test:ask' }] };
    expect(issuesOf(twice)[0]).toMatchObject({ path: 'stages[2].name', message: expect.stringContaining('already used by stages[1]') });

    const renamed = { ...validRecipe(), stages: [split, { task: 'test:ask' }, { task: 'test:ask', name: 'again' }] };
    expect(compileRecipe({ document: renamed, registry, directory: '/tmp' }).stages.map((stage) => stage.name)).toEqual([
      'split',
      'ask',
      'again',
    ]);
  });

  it('rejects parameters and models for roles no task has (typos)', () => {
    const stageTypo = validRecipe();
    stageTypo.stages[1] = { task: 'test:ask', params: { genrator: { temperature: 0 } } } as never;
    expect(issuesOf(stageTypo)[0]).toMatchObject({ path: 'stages[1].params.genrator', message: expect.stringContaining('default, generator') });
    const recipeTypo = { ...validRecipe(), params: { convertor: { temperature: 0 } }, models: { default: 'echo:small', judge: 'echo:big' } };
    expect(issuesOf(recipeTypo).map((issue) => issue.path)).toEqual(['params.convertor', 'models.judge']);
  });

  it("checks each provider's provider_options with its schema before any request, in the recipe's params and a stage's", () => {
    const recipe = validRecipe();
    const issues = issuesOf({
      ...recipe,
      params: { default: { provider_options: { echo: { minP: 2 } } }, generator: { provider_options: { echo: { min_p: 0.1 }, ecko: { minP: 0 } } } },
      stages: [recipe.stages[0], { task: 'test:ask', params: { default: { provider_options: { echo: { mirostat: 'on' } } } } }],
    });
    expect(issues).toEqual([
      { path: 'params.default.provider_options.echo.minP', message: 'must be at most 1, got 2' },
      { path: 'params.generator.provider_options.echo', message: 'unknown key "min_p" (did you mean "minP"?). Valid keys: minP, mirostat.' },
      {
        path: 'params.generator.provider_options.ecko',
        message: '"ecko" is not a loaded provider (loaded: echo), so no model would receive these options. Did you mean "echo"?',
      },
      { path: 'stages[1].params.default.provider_options.echo.mirostat', message: 'must be a boolean, got the text "on"' },
    ]);
    expect(issuesOf({ ...recipe, params: { default: { provider_options: { vllm: { top_k: 40 } } } } })).toEqual([
      {
        path: 'params.default.provider_options.vllm',
        message: '"vllm" is not a loaded provider (loaded: echo), so no model would receive these options. Install the plugin that provides it, or remove them.',
      },
    ]);
    const plan = compileRecipe({ document: { ...recipe, params: { default: { provider_options: { echo: { minP: 0.05 } } } } }, registry, directory: '/tmp' });
    const ask = plan.stages[1];
    if (ask?.kind !== 'task') throw new Error('expected a task stage');
    expect(ask.models.generator?.defaultParams).toEqual({ providerOptions: { echo: { minP: 0.05 } } });
  });

  it('keeps provider credentials out of the config hash', () => {
    const hash = (echo: object) =>
      compileRecipe({ document: { ...validRecipe(), providers: { echo } }, registry, directory: '/tmp' }).configHash;
    expect(hash({ apiKey: 'first-key' })).toBe(hash({ apiKey: 'rotated-key' }));
    expect(hash({ apiKey: 'first-key', prefix: 'a' })).not.toBe(hash({ apiKey: 'first-key', prefix: 'b' }));
  });

  it('reports a plugin factory that throws as an issue at the stage', async () => {
    const throwing = await createRegistry({
      plugins: [
        {
          specificationVersion: 'v1',
          meta: { name: 'throwing', version: '1.0.0', namespace: 'throwing' },
          filters: {
            broken: {
              specificationVersion: 'v1',
              description: 'Cannot be created.',
              options: z.object({}),
              create: () => {
                throw new TypeError('cannot read properties of undefined');
              },
            },
          },
        },
        createTestPlugin(),
      ],
      discover: false,
    });
    const document = { stages: [{ task: 'test:split', options: { count: 1 } }, { filter: 'throwing:broken', field: 'item' }] };
    try {
      compileRecipe({ document, registry: throwing, directory: '/tmp' });
      throw new Error('expected an invalid recipe');
    } catch (error) {
      expect((error as InvalidRecipeError).issues).toEqual([
        { path: 'stages[1].options', message: 'the plugin failed to create it: cannot read properties of undefined' },
      ]);
    }
  });

  it('refuses a filter or modifier whose create() returns something without its methods, naming the plugin', async () => {
    const hollow = await createRegistry({
      plugins: [
        {
          specificationVersion: 'v1',
          meta: { name: 'synthkit-plugin-hollow', version: '0.1.0', namespace: 'hollow' },
          filters: { empty: { specificationVersion: 'v1', description: 'Returns {}.', options: z.object({}), create: () => ({}) as never } },
          modifiers: { nothing: { specificationVersion: 'v1', description: 'Returns undefined.', options: z.object({}), create: () => undefined as never } },
        },
        createTestPlugin(),
      ],
      discover: false,
    });
    const document = {
      stages: [{ task: 'test:split', options: { count: 1 } }, { filter: 'hollow:empty', field: 'item' }, { modifier: 'hollow:nothing', field: 'item' }],
    };
    try {
      compileRecipe({ document, registry: hollow, directory: '/tmp' });
      throw new Error('expected an invalid recipe');
    } catch (error) {
      expect((error as InvalidRecipeError).issues).toEqual([
        {
          path: 'stages[1].filter',
          message:
            'filter hollow:empty is broken: its create() returned an object without score() and keep(), which a FilterV1 must have. ' +
            'This is a bug in the plugin synthkit-plugin-hollow 0.1.0: report it to its authors, or use another filter.',
        },
        {
          path: 'stages[2].modifier',
          message:
            'modifier hollow:nothing is broken: its create() returned undefined without modify(), which a ModifierV1 must have. ' +
            'This is a bug in the plugin synthkit-plugin-hollow 0.1.0: report it to its authors, or use another modifier.',
        },
      ]);
    }
  });

  it("blames the plugin, not the recipe, for a placeholder its task's own template does not supply", async () => {
    const buggy = await createRegistry({
      plugins: [
        {
          specificationVersion: 'v1',
          meta: { name: 'buggy', version: '1.0.0', namespace: 'buggy' },
          tasks: {
            greet: {
              specificationVersion: 'v1',
              description: 'Greets an item, with a template that forgot a variable.',
              options: z.object({}),
              input: z.object({ item: z.string() }),
              output: z.object({ greeting: z.string() }),
              models: { generator: 'Greets.' },
              templates: { greet: { specificationVersion: 'v1', name: 'greet', user: 'Greet {item} in {language}.', variables: ['item'] } },
              run: async () => [],
            },
          },
        },
        createTestPlugin(),
      ],
      discover: false,
    });
    const document = { models: { default: 'echo:small' }, stages: [{ task: 'test:split', options: { count: 1 } }, { task: 'buggy:greet' }] };
    try {
      compileRecipe({ document, registry: buggy, directory: '/tmp' });
      throw new Error('expected an invalid recipe');
    } catch (error) {
      expect((error as InvalidRecipeError).issues).toEqual([
        {
          path: 'stages[1].task',
          message:
            'task buggy:greet\'s own template "greet" uses {language}, which the task does not supply (it supplies: item) and no record ' +
            'reaching this stage has (they have: item). If the records should carry it, add a stage before this one that produces "language"; ' +
            'otherwise this is a bug in the plugin: add "language" to the template\'s variables and pass it when rendering. ' +
            'Until it is fixed, set it under stages[1].variables.',
        },
      ]);
    }
    expect(compileRecipe({ document: { ...document, variables: { language: 'Welsh' } }, registry: buggy, directory: '/tmp' }).stages).toHaveLength(2);
  });

  it('names a stage with several kinds or none', () => {
    const recipe = { ...validRecipe(), stages: [{ task: 'test:split', filter: 'test:min-length' }, { options: {} }] };
    const issues = issuesOf(recipe);
    expect(issues[0]).toMatchObject({ path: 'stages[0]', message: expect.stringContaining('only one of') });
    expect(issues[1]).toMatchObject({ path: 'stages[1]', message: expect.stringContaining('needs one of the keys') });
  });

  it('reports structural problems of the recipe itself', () => {
    const issues = issuesOf({ stages: [], concurrency: 'lots' });
    expect(issues.map((issue) => issue.path).sort()).toEqual(['concurrency', 'stages']);
  });

  it('reports an unknown or bad top-level key together with the problems of the stages, in one round', () => {
    const recipe = validRecipe();
    const issues = issuesOf({
      ...recipe,
      stagez: [],
      seed: 'forty-two',
      stages: [recipe.stages[0], { task: 'test:ask', options: { styel: 'plain' } }, recipe.stages[2]],
    });
    expect(issues.map((issue) => issue.path)).toEqual(['seed', '', 'stages[1].options']);
    expect(issues[1]?.message).toMatch(/^unknown key "stagez" \(did you mean "stages"\?\)\. Valid keys: name, description, seed, .*, stages\.$/);
    expect(issues[2]?.message).toContain('unknown key "styel"');

    // A bad `models` would make every stage look wrong too: it is reported alone.
    const models = issuesOf({ ...recipe, models: { default: 42 } });
    expect(models.map((issue) => issue.path)).toEqual(['models.default']);
  });
});
