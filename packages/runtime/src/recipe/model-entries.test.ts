import { definePlugin, InvalidRecipeError } from '@synthkit/core';
import openAIPlugin, { OpenAIChatLanguageModel, OpenAICompletionLanguageModel } from '@synthkit/provider-openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRegistry, type Registry } from '../registry/create-registry';
import { createTestPlugin } from '../test-support/test-plugin';
import { compileRecipe } from './compile-recipe';
import type { RecipePlan } from './recipe-plan';

/** A third-party plugin with a formatter of its own. */
const formatsPlugin = definePlugin({
  specificationVersion: 'v1',
  meta: { name: 'synthkit-plugin-formats', version: '1.0.0', namespace: 'formats' },
  formatters: {
    chatml: {
      specificationVersion: 'v1',
      name: 'chatml',
      description: 'ChatML turns.',
      format: (messages) => messages.map((message) => `<|im_start|>${message.role}\n${message.content}<|im_end|>\n`).join(''),
    },
  },
});

let registry: Registry;
beforeAll(async () => {
  registry = await createRegistry({ plugins: [createTestPlugin(), openAIPlugin, formatsPlugin], discover: false });
});

const recipe = (models: Record<string, unknown>, stageModels?: Record<string, unknown>) => ({
  models,
  providers: { openai: { baseURL: 'http://127.0.0.1:9/v1' } },
  stages: [{ task: 'test:split', options: { count: 1 } }, { task: 'test:ask', ...(stageModels == null ? {} : { models: stageModels }) }],
});

function compile(document: unknown, overrides = {}): RecipePlan {
  return compileRecipe({ document, registry, directory: '/tmp', overrides });
}

function generatorOf(plan: RecipePlan) {
  const stage = plan.stages[1];
  if (stage?.kind !== 'task') throw new Error('expected a task stage');
  return stage.models['generator']!;
}

function issuesOf(document: unknown): ReadonlyArray<{ path: string; message: string }> {
  try {
    compile(document);
  } catch (error) {
    expect(InvalidRecipeError.isInstance(error)).toBe(true);
    return (error as InvalidRecipeError).issues;
  }
  throw new Error('expected the recipe to be invalid');
}

describe('recipe models: the completions API and a formatter', () => {
  it("makes a completion model with the provider's formatter named without namespace", () => {
    const plan = compile(recipe({ default: { model: 'openai:nemotron-4-340b-base', api: 'completions', formatter: 'nemotron' } }));

    const generator = generatorOf(plan);
    expect(generator.reference).toBe('openai:nemotron-4-340b-base');
    expect(generator.model).toBeInstanceOf(OpenAICompletionLanguageModel);
    expect(generator.model).toMatchObject({ modelId: 'nemotron-4-340b-base', variant: 'completions:nemotron' });
    expect((generator.model as OpenAICompletionLanguageModel).formatter).toBe(openAIPlugin.formatters.nemotron);
  });

  it("takes namespace:name for any plugin's formatter, and a stage's own model entry", () => {
    const plan = compile(
      recipe(
        { default: 'openai:gpt-4o-mini' },
        { generator: { model: 'openai:base', api: 'completions', formatter: 'formats:chatml' } },
      ),
    );

    const mixtral = compile(recipe({ default: { model: 'openai:base', api: 'completions', formatter: 'openai:mixtral' } }));

    expect((generatorOf(plan).model as OpenAICompletionLanguageModel).formatter).toBe(formatsPlugin.formatters.chatml);
    expect((generatorOf(mixtral).model as OpenAICompletionLanguageModel).formatter).toBe(openAIPlugin.formatters.mixtral);
  });

  it('keeps an object entry with only a model, and api: chat, a chat model', () => {
    expect(generatorOf(compile(recipe({ default: { model: 'openai:gpt-4o-mini' } }))).model).toBeInstanceOf(OpenAIChatLanguageModel);
    expect(generatorOf(compile(recipe({ default: { model: 'openai:gpt-4o-mini', api: 'chat' } }))).model).toBeInstanceOf(OpenAIChatLanguageModel);
    expect(generatorOf(compile(recipe({ default: { model: 'echo:small' } }))).model.provider).toBe('echo');
  });

  it('makes one model per entry: the chat and the completions entry of one reference in one recipe', () => {
    const plan = compile({
      ...recipe({ default: 'openai:base' }),
      stages: [
        { task: 'test:split', options: { count: 1 } },
        { task: 'test:ask', name: 'chat' },
        { task: 'test:ask', name: 'raw', models: { generator: { model: 'openai:base', api: 'completions', formatter: 'nemotron' } } },
      ],
    });

    const [, chat, raw] = plan.stages.map((stage) => (stage.kind === 'task' ? stage.models['generator']?.model : undefined));
    expect(chat).toBeInstanceOf(OpenAIChatLanguageModel);
    expect(raw).toBeInstanceOf(OpenAICompletionLanguageModel);
  });

  it('lets --model replace the whole entry, settings included', () => {
    const plan = compile(recipe({ default: { model: 'openai:base', api: 'completions', formatter: 'nemotron' } }), { model: 'openai:gpt-4o' });

    expect(generatorOf(plan).model).toBeInstanceOf(OpenAIChatLanguageModel);
  });

  it('gives the chat and the completions entry of one model different configuration hashes', () => {
    const chat = compile(recipe({ default: 'openai:base' }));
    const completions = compile(recipe({ default: { model: 'openai:base', api: 'completions', formatter: 'nemotron' } }));
    const mixtral = compile(recipe({ default: { model: 'openai:base', api: 'completions', formatter: 'mixtral' } }));

    expect(new Set([chat.configHash, completions.configHash, mixtral.configHash]).size).toBe(3);
  });
});

describe('recipe models: errors', () => {
  it('names an unknown formatter, where it was looked up, and every known one', () => {
    const issues = issuesOf(recipe({ default: { model: 'openai:base', api: 'completions', formatter: 'nemotrn' } }));

    expect(issues).toEqual([
      {
        path: 'models.default.formatter',
        message:
          'unknown formatter "nemotrn" (a name without a namespace is one of the provider\'s plugin\'s, here openai:nemotrn). ' +
          'Known formatters: formats:chatml, openai:mixtral, openai:nemotron, openai:no-format. ' +
          "Write namespace:name for another plugin's formatter (synthkit formatters list shows them).",
      },
    ]);
  });

  it.each([
    [{ model: 'openai:base', api: 'completions' }, 'models.generator.formatter', /api: completions sends one prompt string, so the model needs a formatter/],
    [{ model: 'openai:base', formatter: 'nemotron' }, 'models.generator.formatter', /a formatter is only used with api: completions/],
    [{ model: 'openai:base', api: 'legacy' }, 'models.generator.api', /must be "chat" \(the default\) or "completions"/],
    [{ model: 'openai:base', temprature: 0.2 }, 'models.generator', /unknown key "temprature"/],
    [{ model: 'openai:base', api: 'completions', formatter: 3 }, 'models.generator.formatter', /must be the name of a conversation formatter, e.g. nemotron/],
    [{ model: 'echo:small', api: 'completions' }, 'models.generator', /provider "echo" takes no model settings \(got "api"\); write the model as its plain reference/],
    [{ model: 'gpt-4o' }, 'models.generator.model', /must be "provider:model-id"/],
    [{ api: 'completions' }, 'models.generator', /or an object with the reference under "model"/],
    [{ model: 'nobody:x', api: 'completions' }, 'models.generator.model', /Unknown provider "nobody"/],
  ])('reports the entry %j at its path', (entry, path, pattern) => {
    const issues = issuesOf({ ...recipe({ default: 'openai:gpt-4o-mini', generator: entry }) });

    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe(path);
    expect(issues[0]?.message).toMatch(pattern);
  });
});
