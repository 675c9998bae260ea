import { describe, expect, it } from 'vitest';
import { PriceTable } from './price-table';

describe('PriceTable', () => {
  it('finds a model by reference, without a date suffix, without -latest', () => {
    const table = new PriceTable();
    expect(table.priceOf('openai:gpt-4o-mini')).toEqual({ input: 0.15, output: 0.6, cachedInput: 0.075 });
    expect(table.priceOf('openai:gpt-4o-mini-2024-07-18')).toEqual(table.priceOf('openai:gpt-4o-mini'));
    expect(table.priceOf('openai:unknown-model')).toBeUndefined();
  });

  it('prices every model of a provider with a provider:* entry, below the exact entries', () => {
    const table = new PriceTable({ 'openai:*': { input: 1, output: 2 }, 'local:my-model': { input: 3, output: 4 } });
    expect(table.priceOf('openai:my-vllm-model')).toEqual({ input: 1, output: 2 });
    expect(table.priceOf('openai:gpt-4o')).toEqual({ input: 2.5, output: 10, cachedInput: 1.25 });
    expect(table.priceOf('local:my-model')).toEqual({ input: 3, output: 4 });
    expect(table.priceOf('local:other')).toBeUndefined();
  });

  it('prices the automatic default model of every provider that offers one', () => {
    const table = new PriceTable();
    // OpenAI's and Anthropic's offers (see their plugins' defaultModel); local models are free.
    expect(table.priceOf('openai:gpt-4o-mini')).toBeDefined();
    expect(table.priceOf('anthropic:claude-haiku-4-5')).toEqual({ input: 1, output: 5, cachedInput: 0.1 });
    expect(table.priceOf('llama-cpp:/home/me/.cache/synthkit/models/model.gguf')).toEqual({ input: 0, output: 0 });
  });

  it('knows the offline mock provider is free', () => {
    expect(new PriceTable().priceOf('mock:anything')).toEqual({ input: 0, output: 0 });
  });

  it('prices a model of a provider instance by the provider it is an instance of, after its own entries', () => {
    const table = new PriceTable({ 'gpu-box:*': { input: 5, output: 5 } }, undefined, { 'second-llama': 'llama-cpp', 'gpu-box': 'llama-cpp', nim: 'openai' });
    expect(table.priceOf('second-llama:qwen')).toEqual({ input: 0, output: 0 });
    expect(table.priceOf('gpu-box:qwen')).toEqual({ input: 5, output: 5 });
    // Another OpenAI-compatible endpoint serves other models at other prices: OpenAI's list price is not its.
    expect(table.priceOf('nim:gpt-4o-mini')).toBeUndefined();
    expect(new PriceTable().priceOf('second-llama:qwen')).toBeUndefined();

    const recipe = PriceTable.forRecipe({ providers: { 'second-llama': { provider: 'llama-cpp', threads: 2 }, openai: {} }, prices: { 'openai:*': { input: 1, output: 1 } } });
    expect(recipe.priceOf('second-llama:qwen')).toEqual({ input: 0, output: 0 });
    expect(recipe.priceOf('openai:my-model')).toEqual({ input: 1, output: 1 });
  });
});
