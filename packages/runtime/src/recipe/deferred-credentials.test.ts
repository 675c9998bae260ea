import { InvalidRecipeError, LoadAPIKeyError } from '@synthkit/core';
import openAIPlugin from '@synthkit/provider-openai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRegistry } from '../registry/create-registry';
import { createTestPlugin } from '../test-support/test-plugin';
import { compileRecipe } from './compile-recipe';

afterEach(() => {
  vi.unstubAllEnvs();
});

const document = {
  models: { default: 'openai:gpt-4o-mini', generator: 'hosted:gpt-4o' },
  providers: { hosted: { provider: 'openai' } },
  stages: [{ task: 'test:split', options: { count: 1 } }, { task: 'test:ask' }],
};

async function compile(credentials?: 'required' | 'deferred') {
  const registry = await createRegistry({ plugins: [createTestPlugin(), openAIPlugin], discover: false });
  return compileRecipe({ registry, directory: '/tmp', document, ...(credentials == null ? {} : { credentials }) });
}

describe('credentials of a plan that sends nothing', () => {
  it('are a problem of the recipe by default: a run needs them before its first request', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    vi.stubEnv('OPENAI_BASE_URL', '');
    const error = await compile().catch((caught: unknown) => caught);
    expect(InvalidRecipeError.isInstance(error)).toBe(true);
    expect((error as InvalidRecipeError).issues).toEqual([
      { path: 'models.generator', message: expect.stringContaining('No OpenAI API key') },
    ]);
  });

  it('are noted when deferred; the stand-in models fail with the key error when called', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    vi.stubEnv('OPENAI_BASE_URL', '');
    const plan = await compile('deferred');
    expect(plan.missingCredentials).toEqual([
      { path: 'models.generator', message: expect.stringContaining('No OpenAI API key') },
    ]);
    const ask = plan.stages[1];
    if (ask?.kind !== 'task') throw new Error('expected a task stage');
    const model = ask.models.generator?.model;
    expect(model).toMatchObject({ provider: 'hosted', modelId: 'gpt-4o' });
    const failure = await Promise.resolve(model?.doGenerate({ prompt: 'hi', params: {} })).catch((caught: unknown) => caught);
    expect(LoadAPIKeyError.isInstance(failure)).toBe(true);
  });

  it('leave no note when the key is there', async () => {
    vi.stubEnv('OPENAI_API_KEY', 'sk-test');
    const plan = await compile('deferred');
    expect(plan.missingCredentials).toBeUndefined();
  });
});
