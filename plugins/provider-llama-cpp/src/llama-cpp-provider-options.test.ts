import { InvalidRecipeError } from '@synthkit/core';
import { compileRecipe, createRegistry } from '@synthkit/runtime';
import tasksNemotron from '@synthkit/tasks-nemotron';
import { describe, expect, it } from 'vitest';
import llamaCpp from './index';

/** The issues `synthkit validate` reports for a recipe of one llama-cpp model, or [] when it compiles. */
async function issuesOf(recipe: object) {
  const registry = await createRegistry({ plugins: [llamaCpp, tasksNemotron], discover: false });
  try {
    // An hf: model is only downloaded by its first call: compiling loads nothing.
    compileRecipe({ registry, directory: process.cwd(), document: { models: { default: 'llama-cpp:hf:someone/tiny/model.Q4_K_M.gguf' }, ...recipe } });
    return [];
  } catch (error) {
    if (!InvalidRecipeError.isInstance(error)) throw error;
    return error.issues;
  }
}

const stage = (providerOptions?: object) => ({
  task: 'nemotron:macro-topics',
  options: { n_macro_topics: 2 },
  ...(providerOptions == null ? {} : { params: { default: { provider_options: { 'llama-cpp': providerOptions } } } }),
});

describe('provider_options.llama-cpp in a recipe', () => {
  it('is checked when the recipe is compiled, before any model loads: a bad value, an unknown key, a bad form', async () => {
    const issues = await issuesOf({
      params: { default: { provider_options: { 'llama-cpp': { minP: 2, repeatPenalty: true } } } },
      stages: [stage({ min_p: 0.05, repeatPenalty: { penalty: 0 } })],
    });

    expect(issues).toEqual([
      { path: 'params.default.provider_options.llama-cpp.minP', message: 'must be at most 1, got 2' },
      { path: 'params.default.provider_options.llama-cpp.repeatPenalty', message: 'must be false or an object, got true' },
      { path: 'stages[0].params.default.provider_options.llama-cpp.repeatPenalty.penalty', message: 'must be greater than 0, got 0' },
      { path: 'stages[0].params.default.provider_options.llama-cpp', message: 'unknown key "min_p" (did you mean "minP"?). Valid keys: minP, repeatPenalty.' },
    ]);
  });

  it('compiles with valid options', async () => {
    expect(await issuesOf({ params: { default: { provider_options: { 'llama-cpp': { minP: 0.05, repeatPenalty: false } } } }, stages: [stage()] })).toEqual([]);
    expect(await issuesOf({ stages: [stage({ repeatPenalty: { penalty: 1.1, lastTokens: 64 } })] })).toEqual([]);
  });
});
